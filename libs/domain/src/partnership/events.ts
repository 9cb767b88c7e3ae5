export type PartnershipEstablished = { type: 'PartnershipEstablished'; data: { agreementRef?: string } };
