import type { EntityManager } from 'typeorm';
import { seedDemoPartners, seedDemoUsers, type DemoPartnersResult, type DemoUser, type OperatorAudit } from '@ketenhuis/core';
import { helpText, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';
import { findTenant, inTenant, operatorAudit } from '../operator';
import { scaleSpec, seedScaleCommand } from './seed-scale';

const demoSpec = {
  usage: 'ketenhuis seed demo --tenant <slug> [--json]',
  summary: 'Seeds a district with synthetic partner organisations (police zones, parket, justitiehuis, Veilig Huis and its partners), a 458ter framework protocol and one user per function. Running it again changes nothing.',
  options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
  help: { tenant: 'slug of the tenant (district) to seed', json: 'print what was seeded as JSON' },
  positionals: 1,
} satisfies CommandSpec<Record<string, { type: 'string' } | { type: 'boolean' }>>;

const usage = `Usage: ketenhuis seed <demo|scale> ...\n\n${helpText(demoSpec)}\n\n${helpText(scaleSpec)}`;

export interface DemoSeedResult extends DemoPartnersResult {
  tenant: string;
  users: DemoUser[];
  changed: boolean;
}

/**
 * The steps of the demo seed, in order, in one transaction. Each finds what exists and keeps it,
 * so the whole seed can run on every start of a demo.
 */
export async function seedDemo(db: EntityManager, tenant: { id: string; slug: string }, audit: OperatorAudit, installedChains: readonly string[]): Promise<DemoSeedResult> {
  const partners = await seedDemoPartners(db, tenant.id, audit, installedChains);
  const idOf = (name: string) => partners.organisations.find((o) => o.name === name)!.id;
  const users = await seedDemoUsers(db, tenant.id, idOf, audit);
  const changed = [...partners.organisations, ...partners.protocols, ...users].some((x) => x.outcome !== 'kept');
  return { tenant: tenant.slug, ...partners, users, changed };
}

export async function seedCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'demo') return demo(argv.slice(1), ctx);
  if (sub === 'scale') return seedScaleCommand(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown seed command "${sub}"\n\n${usage}`);
}

async function demo(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(demoSpec, argv);
  if (values.help) return ctx.out(helpText(demoSpec)), 0;
  const slug = required(values.tenant, 'tenant', demoSpec);
  const session = await openOperatorSession(ctx);
  try {
    const tenant = await findTenant(session, slug);
    const result = await inTenant(session, tenant, {}, (db) => seedDemo(db, tenant, operatorAudit(), session.registry.ids));
    if (values.json) ctx.out(JSON.stringify(result, null, 2));
    else {
      for (const o of result.organisations) ctx.out(`${{ created: '+', updated: '~', kept: '=' }[o.outcome]} organisation ${o.type} "${o.name}"`);
      for (const p of result.protocols) ctx.out(`${p.outcome === 'created' ? '+' : '='} protocol "${p.title}"`);
      for (const u of result.users) ctx.out(`${u.outcome === 'created' ? '+' : '='} user ${u.subject} (${u.function}, ${u.organisation})`);
    }
    ctx.log(result.changed
      ? `seeded demo data into ${slug}; act as a demo user with: ketenhuis token --tenant ${slug} --sub demo-<function>`
      : `demo data of ${slug} already complete: nothing changed`);
    return 0;
  } finally {
    await session.close();
  }
}
