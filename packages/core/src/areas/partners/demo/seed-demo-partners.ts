import type { EntityManager } from 'typeorm';
import { writeAuditRecord } from '../../../kernel/audit';
import { applyImport, type OperatorAudit } from '../catalogue-import/apply';
import { planImport } from '../catalogue-import/plan';
import { OrganisationStore } from '../organisation-store';
import { resolveProtocol } from '../protocol-rules';
import { ProtocolStore } from '../protocol-store';
import { demoOrganisations, demoProtocol } from './demo-catalogue';

export type SeedOutcome = 'created' | 'kept' | 'updated';

export interface DemoPartnersResult {
  organisations: { id: string; name: string; type: string; policeZoneCode?: string; outcome: SeedOutcome }[];
  protocols: { id: string; title: string; outcome: SeedOutcome }[];
}

/** The demo organisations that register and decide cases work in every installed chain. */
const WORKS_EVERY_CHAIN = new Set(['parket', 'politiezone']);

/**
 * Seeds the synthetic partners and protocol of a demo district in the caller's tenant transaction.
 * What exists is kept as it is (found by the import's natural keys, the protocol by title), even
 * when someone edited it since: a second run changes nothing. The one exception is `chains`: the
 * demo parket and police zones are given each installed chain they lack (never losing one), so
 * a chain written after the first start is worked in the demo at once.
 */
export async function seedDemoPartners(db: EntityManager, tenantId: string, audit: OperatorAudit, installedChains: readonly string[] = []): Promise<DemoPartnersResult> {
  const store = new OrganisationStore(db, tenantId);
  const rows = demoOrganisations.map((fields, i) => ({ at: `demo organisation ${i + 1}`, fields }));
  const plan = planImport(rows, await store.all());
  if (plan.errors.length) throw new Error(`the demo catalogue is inconsistent with this district: ${plan.errors.join('; ')}`);
  const creates = plan.actions.filter((a) => a.kind === 'create');
  const created = await applyImport(db, tenantId, creates, audit);
  const organisations = plan.actions.map((a) => {
    const o = a.kind === 'create' ? created[creates.indexOf(a)] : a.target;
    return { id: o.id, name: o.name, type: o.type, ...(o.policeZoneCode ? { policeZoneCode: o.policeZoneCode } : {}), outcome: (a.kind === 'create' ? 'created' : 'kept') as SeedOutcome };
  });
  for (const o of organisations.filter((org) => WORKS_EVERY_CHAIN.has(org.type))) {
    const current = await store.get(o.id);
    const missing = installedChains.filter((chain) => current && !current.chains.includes(chain));
    if (!current || !missing.length) continue;
    await store.update(o.id, { ...current, chains: [...current.chains, ...missing] });
    await writeAuditRecord(db, tenantId, { ...audit, action: 'organisation.update', objectType: 'organisation', objectId: o.id, result: 'allowed', purpose: 'administration', changedFields: ['chains'] });
    if (o.outcome === 'kept') o.outcome = 'updated';
  }

  const protocols = new ProtocolStore(db, tenantId);
  const idOf = (name: string) => organisations.find((o) => o.name === name)!.id;
  const wanted = demoProtocol(idOf);
  const [existing] = await protocols.findByTitle(wanted.title);
  if (existing) return { organisations, protocols: [{ id: existing.id, title: existing.title, outcome: 'kept' }] };
  const { state, errors } = resolveProtocol(wanted);
  if (errors.length) throw new Error(`the demo protocol is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  const protocol = await protocols.insert(state);
  await writeAuditRecord(db, tenantId, { ...audit, action: 'protocol.create', objectType: 'protocol', objectId: protocol.id, result: 'allowed', purpose: 'administration', changedFields: Object.keys(state) });
  return { organisations, protocols: [{ id: protocol.id, title: protocol.title, outcome: 'created' }] };
}
