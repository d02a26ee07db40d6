/**
 * The permissions core checks, published so a chain can grant them (a chain that lets the police
 * register its cases grants `core.case.register`) and so a typo in one is a compile error. Each
 * core area declares the ones it checks; a core test holds this list equal to theirs.
 */
export const CORE_PERMISSIONS = [
  'core.tenant.read', 'core.tenant.manage',
  'core.audit.read', 'core.audit.export',
  'core.identity.read', 'core.identity.manage',
  'core.person.read', 'core.person.register', 'core.person.read-identifier',
  'core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage',
  'core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note',
  'core.deadline.read', 'core.deadline.manage', 'core.deadline.configure',
  'core.referral.send', 'core.referral.read', 'core.referral.respond',
  'core.report.read',
  'core.webhook.manage',
] as const;

export type CorePermission = (typeof CORE_PERMISSIONS)[number];
