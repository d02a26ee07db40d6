/** Permissions core itself declares; modules may reference them in grants. */
export const corePermissions = ['core.tenant.read', 'core.tenant.manage', 'core.audit.read', 'core.audit.export', 'core.identity.read', 'core.identity.manage',
  'core.person.read', 'core.person.register', 'core.person.read-identifier',
  'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage',
  'core.referral.send', 'core.referral.read', 'core.referral.respond',
  'core.report.read',
  'core.deadline.read', 'core.deadline.manage', 'core.deadline.configure',
  'core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note',
  'core.webhook.manage'] as const;

// Partners and 458ter protocols: whoever works a case or joins a case consultation reads who the
// partners are and on which legal basis they share; the tenant-beheerder keeps them up to date.
const partnerReaders = ['core.partner.read', 'core.protocol.read'];

// Cases: the permission opens the door, taking part in the case (or being the parket of its
// chain) decides which cases are behind it. The parket and the case director run cases; the
// police register them and add PVs; executing partners follow their cases and write notes.
const caseWorkers = ['core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note', 'core.deadline.read'];
const caseFollowers = ['core.case.read', 'core.case.note', 'core.deadline.read'];

// Referrals: the parket and the case director send them; the executing partners and the case
// director answer the ones their organisation receives; everyone involved reads them.
const referralSenders = ['core.referral.send', 'core.referral.read'];
const referralAnswerers = ['core.referral.read', 'core.referral.respond'];

// Deadlines: whoever reads a case reads its deadlines; those who run the case (the parket, the case
// director) suspend and extend them; the tenant-beheerder sets the district's durations.
const deadlineManagers = ['core.deadline.manage'];

/** Default grants of core permissions per function. */
export const coreGrants: Record<string, string[]> = {
  // Persons: the parket and the police register and identify; care partners see names only.
  magistraat: ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers, ...referralSenders, 'core.report.read', ...deadlineManagers],
  parketjurist: ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers, ...referralSenders, 'core.report.read', ...deadlineManagers],
  parketcriminoloog: ['core.person.read', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers, ...referralSenders, 'core.report.read'],
  'administratief-medewerker': ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, ...caseWorkers, ...referralSenders, ...deadlineManagers],
  'politie-inspecteur': ['core.person.read', 'core.person.register', 'core.person.read-identifier', ...partnerReaders, 'core.case.read', 'core.case.register', 'core.case.update', 'core.case.note', 'core.deadline.read'],
  justitieassistent: ['core.person.read', ...partnerReaders, ...caseFollowers, ...referralAnswerers],
  casusregisseur: ['core.person.read', ...partnerReaders, ...caseWorkers, ...referralSenders, 'core.referral.respond', ...deadlineManagers],
  hulpverlener: ['core.person.read', ...partnerReaders, ...caseFollowers, ...referralAnswerers],
  analist: ['core.partner.read', 'core.report.read'],
  'tenant-beheerder': ['core.tenant.read', 'core.tenant.manage', 'core.audit.read', 'core.audit.export', 'core.identity.read', 'core.identity.manage', 'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage', 'core.report.read', 'core.webhook.manage', 'core.deadline.configure'],
};
