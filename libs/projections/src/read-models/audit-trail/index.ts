/** The audit trail (who did what): its projection and its query. */
export { auditTrail } from './definition';
export { readAuditTrail, type AuditEntry, type AuditFilter } from './audit-query';
