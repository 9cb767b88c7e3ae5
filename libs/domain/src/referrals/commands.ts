export interface Referral {
  /** Another customer, brought in by this one. */
  referredCustomerId: string;
  note?: string;
}

/** Referring the same customer again records nothing: a referral is counted once. */
export type RecordReferral = { type: 'RecordReferral'; data: Referral };
