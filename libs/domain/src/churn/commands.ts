export const churnReasons = [
  'price',
  'quality',
  'service',
  'competitor',
  'relocation',
  'business-closed',
  'other',
] as const;
export type ChurnReason = (typeof churnReasons)[number];

export type RecordChurn = {
  type: 'RecordChurn';
  data: { reason: ChurnReason; competitor?: string; note?: string };
};
