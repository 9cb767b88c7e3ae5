import type { Provider } from '@nestjs/common';
import { createCustomerDecider } from '../../../../libs/domain/src';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

/** The customer decider with this deployment's complaint SLA; a bad policy fails the start. */
export const CUSTOMER_DECIDER = Symbol('CUSTOMER_DECIDER');

export const customerDeciderProvider: Provider = {
  provide: CUSTOMER_DECIDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createCustomerDecider({ complaintSlaHours: config.complaintSlaHours }),
};
