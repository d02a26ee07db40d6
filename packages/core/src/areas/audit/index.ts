export { toAuditRecordView, type AuditRecordView } from './audit-view';
export { subjectAccessExport, EXPORT_LIMITS, type ExportLimits } from './subject-access-export';
