/** Permissions core itself declares; modules may reference them in grants. */
export const corePermissions = ['core.tenant.read', 'core.tenant.manage', 'core.audit.read', 'core.identity.read', 'core.identity.manage',
  'core.person.read', 'core.person.register', 'core.person.read-identifier',
  'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage'] as const;

// Partners and 458ter protocols: whoever works a case or joins a case consultation reads who the
// partners are and on which legal basis they share; the tenant-beheerder keeps them up to date.
const partnerReaders = ['core.partner.read', 'core.protocol.read'];

/** Default grants of core permissions per function. */
export const coreGrants: Record<string, string[]> = {
  // Persons: the parket and the police register and identify; care partners see names only.
  magistraat: ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders],
  parketjurist: ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders],
  parketcriminoloog: ['core.person.read', 'core.person.read-identifier', ...partnerReaders],
  'administratief-medewerker': ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders],
  'politie-inspecteur': ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders],
  justitieassistent: ['core.person.read', ...partnerReaders],
  casusregisseur: ['core.person.read', ...partnerReaders],
  hulpverlener: ['core.person.read', ...partnerReaders],
  analist: ['core.partner.read'],
  'tenant-beheerder': ['core.tenant.read', 'core.tenant.manage', 'core.audit.read', 'core.identity.read', 'core.identity.manage', 'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage'],
};
