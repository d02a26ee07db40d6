/** Permissions core itself declares; modules may reference them in grants. */
export const corePermissions = ['core.tenant.read', 'core.tenant.manage', 'core.audit.read'] as const;

/** Default grants of core permissions per function. */
export const coreGrants: Record<string, string[]> = {
  'tenant-beheerder': ['core.tenant.read', 'core.tenant.manage', 'core.audit.read'],
};
