import type { ComplianceViolation } from './commands';

export type ComplianceViolationRecorded = { type: 'ComplianceViolationRecorded'; data: ComplianceViolation };
