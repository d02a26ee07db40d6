/** Why personal data was touched; the ministry's evaluation reads only `statistics`. */
export type AuditPurpose = 'casework' | 'case-consultation' | 'statistics' | 'administration';

/**
 * What a route audits. Every request to an audited route leaves exactly one record: the kernel
 * writes it in the request's own transaction when the work commits, and in a transaction of its
 * own when the request is refused or fails (the refusal is recorded, the work is not).
 */
export interface RouteAudit {
  /** `<object>.<verb>`, e.g. `case.read`, `person.search`, `partner.update`. */
  action: string;
  objectType: string;
  purpose?: AuditPurpose;
  /** The path parameter naming the object, so refusals of unknown ids are still attributed. */
  objectIdParam?: string;
}

/** Details a handler adds to its request's audit record; values are never recorded. */
export interface AuditDetails {
  objectId?: string;
  changedFields?: string[];
}
