import { BuiltInIssuer, TenantRegistry } from '@ketenhuis/core';
import { helpText, list, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';

const spec = {
  usage: 'ketenhuis token --tenant <slug> --sub <subject> [--roles a,b] [--ttl <seconds>]',
  summary: 'Prints a bearer token of the built-in issuer (for the embedded default, tests and scripts).',
  options: {
    tenant: { type: 'string' },
    sub: { type: 'string' },
    roles: { type: 'string' },
    ttl: { type: 'string' },
  },
  help: {
    tenant: 'slug of the tenant the token acts in',
    sub: 'subject: who the token stands for',
    roles: 'comma-separated functions, e.g. magistraat,tenant-beheerder',
    ttl: 'lifetime in seconds (default 3600, at most 86400)',
  },
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

export async function tokenCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(spec, argv);
  if (values.help) return ctx.out(helpText(spec)), 0;
  const slug = required(values.tenant, 'tenant', spec);
  const subject = required(values.sub, 'sub', spec);
  const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new CliError(`--ttl: expected whole seconds between 1 and 86400, got "${values.ttl}"`);
  const session = await openOperatorSession(ctx);
  try {
    await session.owner.initialize();
    const tenant = await new TenantRegistry(session.owner).findBySlug(slug).catch((err) => {
      if (/relation "tenants" does not exist/.test((err as Error).message)) throw new CliError('the database is not migrated yet: run ketenhuis migrate', 1);
      throw err;
    });
    if (!tenant) throw new CliError(`--tenant: no tenant "${slug}" (see ketenhuis tenant list)`, 1);
    const token = await new BuiltInIssuer(session.owner).sign({ tenantId: tenant.id, subject, roles: list(values.roles), ttlSeconds: ttl });
    ctx.out(token);
    return 0;
  } finally {
    await session.close();
  }
}
