/** Permissions core itself declares; modules may reference them in grants. */
export const corePermissions = ['core.tenant.read', 'core.tenant.manage', 'core.audit.read', 'core.audit.export', 'core.identity.read', 'core.identity.manage',
  'core.person.read', 'core.person.register', 'core.person.read-identifier',
  'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage',
  'core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note'] as const;

// Partners and 458ter protocols: whoever works a case or joins a case consultation reads who the
// partners are and on which legal basis they share; the tenant-beheerder keeps them up to date.
const partnerReaders = ['core.partner.read', 'core.protocol.read'];

// Cases: the permission opens the door, taking part in the case (or being the parket of its
// chain) decides which cases are behind it. The parket and the case director run cases; the
// police register them and add PVs; executing partners follow their cases and write notes.
const caseWorkers = ['core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note'];
const caseFollowers = ['core.case.read', 'core.case.note'];

/** Default grants of core permissions per function. */
export const coreGrants: Record<string, string[]> = {
  // Persons: the parket and the police register and identify; care partners see names only.
  magistraat: ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers],
  parketjurist: ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers],
  parketcriminoloog: ['core.person.read', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers],
  'administratief-medewerker': ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers],
  'politie-inspecteur': ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, 'core.case.read', 'core.case.register', 'core.case.update', 'core.case.note'],
  justitieassistent: ['core.person.read', ...partnerReaders, ...caseFollowers],
  casusregisseur: ['core.person.read', ...partnerReaders, ...caseWorkers],
  hulpverlener: ['core.person.read', ...partnerReaders, ...caseFollowers],
  analist: ['core.partner.read'],
  'tenant-beheerder': ['core.tenant.read', 'core.tenant.manage', 'core.audit.read', 'core.audit.export', 'core.identity.read', 'core.identity.manage', 'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage'],
};
