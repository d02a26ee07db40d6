import { TenantError, TenantRegistry, migrate } from '@ketenhuis/core';
import { helpText, list, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';

const createSpec = {
  usage: 'ketenhuis tenant create <slug> --name <name> [--modules a,b] [--oidc-issuer <url> --oidc-audience <aud>]',
  summary: 'Creates a tenant (a judicial district) and enables the given chain modules for it.',
  options: {
    name: { type: 'string' },
    modules: { type: 'string' },
    'oidc-issuer': { type: 'string' },
    'oidc-audience': { type: 'string' },
    'oidc-algorithms': { type: 'string' },
  },
  help: {
    name: 'display name, e.g. "Zorg- en Veiligheidshuis Limburg"',
    modules: 'comma-separated ids of installed chain modules to enable',
    'oidc-issuer': "the district's OpenID Connect issuer URL (tokens from it act in this tenant)",
    'oidc-audience': 'the audience its tokens must carry (default: ketenhuis)',
    'oidc-algorithms': 'accepted signing algorithms (default: RS256)',
  },
  positionals: 2,
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

const listSpec = {
  usage: 'ketenhuis tenant list [--json]',
  summary: 'Lists the tenants and the chain modules each enabled.',
  options: { json: { type: 'boolean' } },
  help: { json: 'machine-readable output' },
  positionals: 1,
} satisfies CommandSpec<Record<string, { type: 'boolean' }>>;

const usage = `Usage: ketenhuis tenant <create|list> ...\n\n${helpText(createSpec)}\n\n${helpText(listSpec)}`;

export async function tenantCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'create') return create(argv.slice(1), ctx);
  if (sub === 'list') return listTenants(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown tenant command "${sub}"\n\n${usage}`);
}

async function create(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(createSpec, argv);
  if (values.help) return ctx.out(helpText(createSpec)), 0;
  const slug = positionals[0];
  if (!slug) throw new CliError(`missing <slug>\n\nUsage: ${createSpec.usage}`);
  const name = required(values.name, 'name', createSpec);
  if (values['oidc-audience'] && !values['oidc-issuer']) throw new CliError('--oidc-audience needs --oidc-issuer');
  if (values['oidc-issuer']) {
    try { new URL(values['oidc-issuer']); } catch { throw new CliError(`--oidc-issuer: "${values['oidc-issuer']}" is not a URL`); }
  }
  const session = await openOperatorSession(ctx);
  try {
    await migrate(session.runtime.config, session.registry.migrations);
    await session.owner.initialize();
    const tenant = await new TenantRegistry(session.owner).create({
      slug, name, modules: list(values.modules),
      oidcIssuer: values['oidc-issuer'], oidcAudience: values['oidc-audience'],
      oidcAlgorithms: values['oidc-algorithms'] ? list(values['oidc-algorithms']) : undefined,
    }, session.registry.ids);
    ctx.log(`created tenant ${tenant.slug} (${tenant.id})${tenant.modules.length ? ` with modules ${tenant.modules.join(', ')}` : ''}`);
    ctx.out(tenant.id);
    return 0;
  } catch (err) {
    if (err instanceof TenantError) throw new CliError(`--${err.field === 'slug' ? 'slug' : err.field}: ${err.message}`, 1);
    throw err;
  } finally {
    await session.close();
  }
}

async function listTenants(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(listSpec, argv);
  if (values.help) return ctx.out(helpText(listSpec)), 0;
  const session = await openOperatorSession(ctx);
  try {
    await migrate(session.runtime.config, session.registry.migrations);
    await session.owner.initialize();
    const tenants = await new TenantRegistry(session.owner).list();
    if (values.json) {
      ctx.out(JSON.stringify(tenants.map((t) => ({ id: t.id, slug: t.slug, name: t.name, modules: t.modules, oidcIssuer: t.oidcIssuer, createdAt: t.createdAt })), null, 2));
    } else if (!tenants.length) {
      ctx.log('no tenants yet: ketenhuis tenant create <slug> --name <name>');
    } else {
      ctx.out(tenants.map((t) => `${t.slug.padEnd(20)} ${t.name.padEnd(40)} ${t.modules.join(',') || '-'}`).join('\n'));
    }
    return 0;
  } finally {
    await session.close();
  }
}
