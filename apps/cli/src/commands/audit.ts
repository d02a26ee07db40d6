import { AuditChainer, verifyAuditChain } from '@ketenhuis/core';
import { helpText, parseCommand, required, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import { openOperatorSession, type CommandContext } from '../context';
import { findTenant } from '../operator';

/** Exit code of a broken chain: apart from 1 (could not run) and 2 (usage), for scripts and alerts. */
export const CHAIN_BROKEN_EXIT = 3;

const verifySpec = {
  usage: 'ketenhuis audit verify --tenant <slug>',
  summary: `Chains pending audit records, then verifies the tenant's audit chain and names the first broken record (exit ${CHAIN_BROKEN_EXIT} when broken).`,
  options: { tenant: { type: 'string' } },
  help: { tenant: 'slug of the tenant whose audit trail is verified' },
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

const usage = `Usage: ketenhuis audit <verify> ...\n\n${helpText(verifySpec)}`;

export async function auditCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'verify') return verify(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown audit command "${sub}"\n\n${usage}`);
}

async function verify(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(verifySpec, argv);
  if (values.help) return ctx.out(helpText(verifySpec)), 0;
  const slug = required(values.tenant, 'tenant', verifySpec);
  const session = await openOperatorSession(ctx);
  try {
    // The owner reads everything the trail holds; row-level security still applies to it, which
    // is why both steps bind the tenant in their own transactions.
    const tenant = await findTenant(session, slug);
    // Chaining first means a record written a moment ago is covered, not merely counted.
    await new AuditChainer(session.owner).chainTenant(tenant.id);
    const verdict = await verifyAuditChain(session.owner, tenant.id);
    if (verdict.ok) {
      ctx.out(`audit chain of ${slug} intact: ${verdict.records} records`);
      if (verdict.unchained) ctx.log(`${verdict.unchained} records arrived after chaining; the next verify covers them`);
      return 0;
    }
    const { id, seq } = verdict.firstBroken;
    ctx.out(`audit chain of ${slug} BROKEN at record ${id} (seq ${seq ?? 'none'}): ${verdict.reason}`);
    return CHAIN_BROKEN_EXIT;
  } finally {
    await session.close();
  }
}
