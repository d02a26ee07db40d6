import { conflict } from '@ketenhuis/sdk';

/** The Postgres error behind a TypeORM QueryFailedError (or the pg error itself). */
export function pgError(err: unknown): { code?: string; constraint?: string } {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return { code: e?.driverError?.code ?? e?.code, constraint: e?.driverError?.constraint ?? e?.constraint };
}

/** Unique violations become 409 with a message about the field; everything else is rethrown. */
export function rethrowUnique(err: unknown, messages: Record<string, string>): never {
  const { code, constraint } = pgError(err);
  if (code === '23505' && constraint && messages[constraint]) throw conflict(messages[constraint]);
  throw err;
}
