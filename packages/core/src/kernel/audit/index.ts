export { auditRecordSql, writeAuditRecord, AUDIT_PURPOSES, AUDIT_RESULTS, type AuditEntry, type AuditPurpose, type AuditResult } from './audit-record';
export { AuditChainer } from './audit-chainer';
export { verifyAuditChain, type AuditChainVerdict } from './verify-chain';
export { chainHash, GENESIS_HASH, type HashedRecord } from './chain-hash';
