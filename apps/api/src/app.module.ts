import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditController } from './audit/audit.controller';
import { AuditTrailHandler } from './audit/audit-trail.query';
import { ApiKeyStore } from './auth/api-key-store';
import { ApiKeysController } from './auth/api-keys.controller';
import { AuthGuard } from './auth/auth.guard';
import { CareAgendaController } from './care-agenda/care-agenda.controller';
import { CareAgendaHandler } from './care-agenda/care-agenda.query';
import { ComplaintBoardController } from './complaint-board/complaint-board.controller';
import { ComplaintBoardHandler } from './complaint-board/complaint-board.query';
import { ComplaintsController } from './complaints/complaints.controller';
import { ContactsController } from './contacts/contacts.controller';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CustomerCommandGateway } from './customers/customer-command-gateway';
import { Customer360Controller } from './customer-360/customer-360.controller';
import { Customer360Handler } from './customer-360/customer-360.query';
import { CustomerListController } from './customer-list/customer-list.controller';
import { CustomerListHandler } from './customer-list/customer-list.query';
import { CustomerStateController } from './customer-state/customer-state.controller';
import { CustomerStateHandler } from './customer-state/customer-state.query';
import { CustomersController } from './customers/customers.controller';
import { CustomerViewController } from './customers/customer-view.controller';
import { RecordCustomerFactHandler } from './customers/record-fact.command';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { CustomerHistoryHandler } from './history/customer-history.query';
import { HistoryController } from './history/history.controller';
import { KnownQueryGuard } from './http/known-query.guard';
import { ProblemFilter } from './http/problem.filter';
import { RequestValidationPipe } from './http/validation';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { InteractionsController } from './interactions/interactions.controller';
import { LifecycleController } from './lifecycle/lifecycle.controller';
import { CustomerLifecycleHandler, FunnelHandler } from './lifecycle/lifecycle.queries';
import { MarketController } from './market/market.controller';
import { ConsumerGroupsController } from './consumer-groups/consumer-groups.controller';
import { AckConsumerGroupHandler, ConsumerGroupQueryHandler, CreateConsumerGroupHandler, PollConsumerGroupHandler } from './consumer-groups/consumer-groups.commands';
import { EventsController } from './events/events.controller';
import { EventsPageHandler } from './events/events.queries';
import { LiveEventsHandler } from './events/live-events.query';
import { LiveStreams } from './events/live-streams';
import { ProjectionsController } from './projections/projections.controller';
import { CheckpointsController, CustomerEvidenceController, SigningKeyController } from './tamper-evidence/tamper-evidence.controller';
import { CheckpointsHandler, CustomerEventsHandler, MakeCheckpointHandler, SigningPublicKeyHandler, VerifyCustomerHandler } from './tamper-evidence/tamper-evidence.queries';
import { ProjectionStatusHandler, RebuildProjectionHandler } from './projections/projection-queries';
import { PurchasesController } from './purchases/purchases.controller';
import { ValueController } from './value/value.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import {
  DeadLettersHandler,
  EnableWebhookHandler,
  ListWebhooksHandler,
  RedeliverDeadLettersHandler,
  RegisterWebhookHandler,
  RemoveWebhookHandler,
  WebhookDeliveriesHandler,
  WebhookStatusHandler,
} from './webhooks/webhooks.queries';
import { CustomerLoyaltyHandler, CustomerTierHandler, DecilesHandler, TiersHandler } from './value/value.queries';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, CqrsModule.forRoot()],
      controllers: [
        HealthController,
        ApiKeysController,
        CustomersController,
        CustomerViewController,
        ContactsController,
        InteractionsController,
        ComplaintsController,
        PurchasesController,
        MarketController,
        HistoryController,
        LifecycleController,
        ComplaintBoardController,
        ValueController,
        CareAgendaController,
        CustomerListController,
        Customer360Controller,
        CustomerStateController,
        AuditController,
        ProjectionsController,
        CustomerEvidenceController,
        CheckpointsController,
        SigningKeyController,
        WebhooksController,
        EventsController,
        ConsumerGroupsController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: KnownQueryGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        ApiKeyStore,
        IdempotencyStore,
        RecordCustomerFactHandler,
        CustomerCommandGateway,
        CustomerHistoryHandler,
        CustomerLifecycleHandler,
        FunnelHandler,
        ComplaintBoardHandler,
        CustomerTierHandler,
        TiersHandler,
        DecilesHandler,
        CustomerLoyaltyHandler,
        CareAgendaHandler,
        CustomerListHandler,
        Customer360Handler,
        CustomerStateHandler,
        AuditTrailHandler,
        ProjectionStatusHandler,
        RebuildProjectionHandler,
        CheckpointsHandler,
        MakeCheckpointHandler,
        CustomerEventsHandler,
        VerifyCustomerHandler,
        SigningPublicKeyHandler,
        RegisterWebhookHandler,
        ListWebhooksHandler,
        WebhookStatusHandler,
        WebhookDeliveriesHandler,
        DeadLettersHandler,
        RedeliverDeadLettersHandler,
        EnableWebhookHandler,
        RemoveWebhookHandler,
        LiveStreams,
        EventsPageHandler,
        LiveEventsHandler,
        CreateConsumerGroupHandler,
        PollConsumerGroupHandler,
        AckConsumerGroupHandler,
        ConsumerGroupQueryHandler,
      ],
    };
  }
}
