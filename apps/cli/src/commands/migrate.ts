import { migrate } from '@ketenhuis/core';
import { parseCommand, type CommandSpec } from '../args';
import { openOperatorSession, type CommandContext } from '../context';

const spec: CommandSpec<Record<string, never>> = {
  usage: 'ketenhuis migrate',
  summary: 'Creates the owner and application roles if missing, applies core and module migrations, and re-applies grants.',
  options: {},
  help: {},
};

export async function migrateCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(spec, argv);
  if (values.help) return ctx.out(helpOf()), 0;
  const session = await openOperatorSession(ctx);
  try {
    const { applied } = await migrate(session.runtime.config, session.registry.migrations);
    ctx.log(applied.length ? `applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}` : 'database is up to date');
    return 0;
  } finally {
    await session.close();
  }
}

const helpOf = () => `Usage: ${spec.usage}\n\n${spec.summary}`;
