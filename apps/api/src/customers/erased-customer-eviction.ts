import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { streamKeyShreddedChannel, type SqlClient } from '../../../../libs/event-store/src';
import { SQL_CLIENT } from '../database/database.module';
import { CustomerStreams, CustomerViews } from './customer-streams';
import { customerOfStream } from './stream-fold-cache';

/**
 * When a customer is erased, by this process or another, the folded states
 * kept in memory go too: they hold the personal data that erasure shredded.
 */
@Injectable()
export class ErasedCustomerEviction implements OnModuleInit, OnModuleDestroy {
  private stopListening?: () => Promise<void>;

  constructor(
    @Inject(SQL_CLIENT) private readonly db: SqlClient,
    private readonly streams: CustomerStreams,
    private readonly views: CustomerViews,
  ) {}

  async onModuleInit(): Promise<void> {
    this.stopListening = await this.db.listen(streamKeyShreddedChannel, (streamId) => {
      const customerId = customerOfStream(streamId);
      if (customerId === undefined) return;
      this.streams.forget(customerId);
      this.views.forget(customerId);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopListening?.();
  }
}
