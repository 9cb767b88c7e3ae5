export type EstablishPartnership = { type: 'EstablishPartnership'; data: { agreementRef?: string } };
