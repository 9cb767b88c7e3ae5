export const erasureBases = ['data-subject-request', 'retention-period-ended', 'legal-obligation'] as const;
export type ErasureBasis = (typeof erasureBases)[number];

export type EraseCustomer = { type: 'EraseCustomer'; data: { basis: ErasureBasis } };
