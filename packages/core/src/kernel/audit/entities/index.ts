import { AuditRecordEntity } from './audit-record.entity';

export { AuditRecordEntity };

export const auditEntities: Function[] = [AuditRecordEntity];
