import type { EntityManager } from 'typeorm';
import { writeAuditRecord } from '../../../kernel/audit';
import { applyImport, type OperatorAudit } from '../catalogue-import/apply';
import { planImport } from '../catalogue-import/plan';
import { OrganisationStore } from '../organisation-store';
import { resolveProtocol } from '../protocol-rules';
import { ProtocolStore } from '../protocol-store';
import { demoOrganisations, demoProtocol } from './demo-catalogue';

export type SeedOutcome = 'created' | 'kept';

export interface DemoPartnersResult {
  organisations: { id: string; name: string; type: string; policeZoneCode?: string; outcome: SeedOutcome }[];
  protocols: { id: string; title: string; outcome: SeedOutcome }[];
}

/**
 * Seeds the synthetic partners and protocol of a demo district in the caller's tenant transaction.
 * What exists is kept as it is (found by the import's natural keys, the protocol by title), even
 * when someone edited it since: a second run changes nothing.
 */
export async function seedDemoPartners(db: EntityManager, tenantId: string, audit: OperatorAudit): Promise<DemoPartnersResult> {
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
