import { BuiltInIssuer, findUserByEmail } from '@ketenhuis/core';
import { helpText, list, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';
import { inTenant } from './user';

const spec = {
  usage: 'ketenhuis token --tenant <slug> (--sub <subject> [--roles a,b] | --user <e-mail>) [--ttl <seconds>]',
  summary: 'Prints a bearer token of the built-in issuer (for the embedded default, tests and scripts).',
  options: {
    tenant: { type: 'string' },
    sub: { type: 'string' },
    user: { type: 'string' },
    roles: { type: 'string' },
    ttl: { type: 'string' },
  },
  help: {
    tenant: 'slug of the tenant the token acts in',
    sub: 'subject: who the token stands for (a subject with no user in the tenant gets the --roles: the bootstrap path)',
    user: "e-mail address of a registered user: the token carries that user's subject; its memberships decide what it may do",
    roles: 'comma-separated functions, e.g. magistraat,tenant-beheerder (ignored by the API for registered users)',
    ttl: 'lifetime in seconds (default 3600, at most 86400)',
  },
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

export async function tokenCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(spec, argv);
  if (values.help) return ctx.out(helpText(spec)), 0;
  const slug = required(values.tenant, 'tenant', spec);
  if (values.sub && values.user) throw new CliError(`--sub and --user exclude each other\n\nUsage: ${spec.usage}`);
  if (values.user && values.roles) throw new CliError('--roles does not apply to --user: a registered user gets its permissions from its memberships');
  if (!values.user) required(values.sub, 'sub', spec);
  const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new CliError(`--ttl: expected whole seconds between 1 and 86400, got "${values.ttl}"`);
  const session = await openOperatorSession(ctx);
  try {
    const { tenant, subject } = await inTenant(session, slug, async (m, tenant) => {
      if (!values.user) return { tenant, subject: values.sub! };
      const user = await findUserByEmail(m, values.user);
      if (!user) throw new CliError(`--user: no user "${values.user}" in ${slug} (see ketenhuis user list --tenant ${slug})`, 1);
      if (!user.subject) throw new CliError(`--user: ${user.email} has no subject yet; set one (PATCH /api/v1/identity/users/${user.id}) before it can have tokens`, 1);
      if (user.status !== 'active') throw new CliError(`--user: ${user.email} is disabled`, 1);
      return { tenant, subject: user.subject };
    });
    const token = await new BuiltInIssuer(session.owner).sign({ tenantId: tenant.id, subject, roles: list(values.roles), ttlSeconds: ttl });
    ctx.out(token);
    return 0;
  } finally {
    await session.close();
  }
}
