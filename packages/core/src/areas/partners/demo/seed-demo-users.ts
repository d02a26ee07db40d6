import type { EntityManager } from 'typeorm';
import { writeAuditRecord } from '../../../kernel/audit';
import { FUNCTIONS } from '../../identity/functions';
import { addMembership, createUser, findUserByEmail } from '../../identity/users';
import type { OperatorAudit } from '../catalogue-import/apply';
import type { SeedOutcome } from './seed-demo-partners';

/** Where each function of the demo works; a function not listed here works at the parket. */
const HOME: Record<string, string> = {
  'politie-inspecteur': 'Politiezone Demo-Noord',
  justitieassistent: 'Justitiehuis Demo',
  casusregisseur: 'Veilig Huis Demo',
  hulpverlener: 'CAW Demo',
};

export interface DemoUser {
  id: string;
  subject: string;
  email: string;
  function: string;
  organisation: string;
  outcome: SeedOutcome;
}

/**
 * One synthetic user per function, member of a demo organisation with that function. The subject
 * `demo-<function>` is what `ketenhuis token --sub` takes to act as that user. Existing users
 * (found by e-mail address) are kept as they are.
 */
export async function seedDemoUsers(db: EntityManager, tenantId: string, organisationIdOf: (name: string) => string, audit: OperatorAudit): Promise<DemoUser[]> {
  const out: DemoUser[] = [];
  for (const fn of FUNCTIONS) {
    const organisation = HOME[fn.id] ?? 'Parket Demo';
    const email = `${fn.id}@demo.ketenhuis.test`;
    const existing = await findUserByEmail(db, email);
    if (existing) {
      out.push({ id: existing.id, subject: existing.subject ?? '', email, function: fn.id, organisation, outcome: 'kept' });
      continue;
    }
    const user = await createUser(db, tenantId, { name: `${fn.label.nl} (demo)`, email, subject: `demo-${fn.id}` });
    await addMembership(db, tenantId, user.id, { organisationId: organisationIdOf(organisation), function: fn.id });
    await writeAuditRecord(db, tenantId, { ...audit, action: 'user.create', objectType: 'user', objectId: user.id, result: 'allowed', purpose: 'administration', changedFields: ['name', 'email', 'subject', 'memberships'] });
    out.push({ id: user.id, subject: user.subject ?? '', email, function: fn.id, organisation, outcome: 'created' });
  }
  return out;
}
