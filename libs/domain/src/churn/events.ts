import type { ChurnReason } from './commands';

export type CustomerChurned = {
  type: 'CustomerChurned';
  data: { reason: ChurnReason; competitor?: string; note?: string };
};
