import type { EntityManager } from 'typeorm';
import {
  FUNCTIONS, ProblemError, addMembership, createUser, listUsers, writeAuditRecord, type Tenant, type User,
} from '@ketenhuis/core';
import { helpText, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext, type OperatorSession } from '../context';
import { findTenant, inTenant as inTenantOf, operatorAudit } from '../operator';

const createSpec = {
  usage: 'ketenhuis user create --tenant <slug> --email <e-mail> --name <name> [--sub <subject>] [--organisation <id or name> --function <function>]',
  summary: 'Registers a user in a tenant, optionally as a member of one organisation with a function.',
  options: {
    tenant: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    sub: { type: 'string' },
    organisation: { type: 'string' },
    function: { type: 'string' },
  },
  help: {
    tenant: 'slug of the tenant (judicial district)',
    email: 'e-mail address, unique in the tenant (case does not matter)',
    name: 'display name',
    sub: "the subject (`sub`) of the user's tokens; needed before the user can log in",
    organisation: 'partner organisation the user works for: its id, or its exact name',
    function: `function in that organisation: ${FUNCTIONS.map((f) => f.id).join(', ')}`,
  },
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

const listSpec = {
  usage: 'ketenhuis user list --tenant <slug> [--json]',
  summary: "Lists a tenant's users with their memberships.",
  options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
  help: { tenant: 'slug of the tenant', json: 'machine-readable output' },
} satisfies CommandSpec<{ tenant: { type: 'string' }; json: { type: 'boolean' } }>;

const usage = `Usage: ketenhuis user <create|list> ...\n\n${helpText(createSpec)}\n\n${helpText(listSpec)}`;

/** API field names → the options that carry them here. */
const OPTION_OF: Record<string, string> = {
  'body.email': 'email', 'body.name': 'name', 'body.subject': 'sub', 'body.organisationId': 'organisation', 'body.function': 'function',
};

export async function userCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'create') return create(argv.slice(1), ctx);
  if (sub === 'list') return list(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown user command "${sub}"\n\n${usage}`);
}

/** Finds the tenant and runs `work` in its context, turning refusals into messages naming the option. */
export async function inTenant<T>(session: OperatorSession, slug: string, work: (m: EntityManager, tenant: Tenant) => Promise<T>): Promise<T> {
  try {
    const tenant = await findTenant(session, slug);
    return await inTenantOf(session, tenant, {}, (m) => work(m, tenant));
  } catch (err) {
    if (/relation "(tenants|users|memberships)" does not exist/.test((err as Error).message)) throw new CliError('the database is not migrated yet: run ketenhuis migrate', 1);
    if (err instanceof ProblemError) {
      const field = err.errors?.[0]?.field;
      const option = field ? OPTION_OF[field] : undefined;
      throw new CliError(option ? `--${option}: ${err.errors![0].message}` : err.detail ?? err.message, 1);
    }
    throw err;
  }
}

async function organisationIdOf(m: EntityManager, ref: string): Promise<string> {
  const rows: { id: string }[] = /^[0-9a-f-]{36}$/i.test(ref)
    ? await m.query('SELECT id FROM organisations WHERE id = $1', [ref])
    : await m.query('SELECT id FROM organisations WHERE lower(name) = lower($1)', [ref]);
  if (!rows.length) throw new CliError(`--organisation: no organisation "${ref}" in this tenant`, 1);
  if (rows.length > 1) throw new CliError(`--organisation: ${rows.length} organisations are called "${ref}"; give the id`, 1);
  return rows[0].id;
}

async function create(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(createSpec, argv);
  if (values.help) return ctx.out(helpText(createSpec)), 0;
  const slug = required(values.tenant, 'tenant', createSpec);
  const email = required(values.email, 'email', createSpec);
  const name = required(values.name, 'name', createSpec);
  if (!!values.organisation !== !!values.function) throw new CliError(`--organisation and --function go together\n\nUsage: ${createSpec.usage}`);
  const session = await openOperatorSession(ctx);
  try {
    const user = await inTenant(session, slug, async (m, tenant) => {
      const created = await createUser(m, tenant.id, { email, name, subject: values.sub });
      if (values.organisation && values.function) {
        await addMembership(m, tenant.id, created.id, { organisationId: await organisationIdOf(m, values.organisation), function: values.function });
      }
      // Operators' changes are on the record like everyone else's.
      await writeAuditRecord(m, tenant.id, {
        ...operatorAudit(), action: 'user.create', objectType: 'user', objectId: created.id,
        result: 'allowed', purpose: 'administration',
        changedFields: ['email', 'name', ...(values.sub ? ['subject'] : []), ...(values.organisation ? ['memberships'] : [])],
      });
      return created;
    });
    ctx.log(`created user ${user.email} (${user.id}) in ${slug}${values.sub ? '' : '; without --sub the user cannot log in yet'}`);
    ctx.out(user.id);
    return 0;
  } finally {
    await session.close();
  }
}

async function list(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(listSpec, argv);
  if (values.help) return ctx.out(helpText(listSpec)), 0;
  const slug = required(values.tenant, 'tenant', listSpec);
  const session = await openOperatorSession(ctx);
  try {
    const users = await inTenant(session, slug, async (m) => {
      const all: User[] = [];
      let cursor: string | undefined;
      do {
        const page = await listUsers(m, { limit: 100, cursor });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    });
    if (values.json) ctx.out(JSON.stringify(users, null, 2));
    else if (!users.length) ctx.log(`no users in ${slug} yet: ketenhuis user create --tenant ${slug} --email <e-mail> --name <name>`);
    else {
      ctx.out(users.map((u) => [
        u.email.padEnd(36), u.name.padEnd(30), u.status.padEnd(9),
        u.memberships.map((ms) => `${ms.organisationName} (${ms.function})`).join(', ') || '-',
      ].join(' ')).join('\n'));
    }
    return 0;
  } finally {
    await session.close();
  }
}
