import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ChainedEventsPage, ChainedEventsRequest, Runtime } from '@crm/application';
import type { AuditReport, SignedCheckpoint } from '@crm/event-store';
import { RUNTIME } from '../database/database.module';

export class CheckpointsQuery {
  constructor(
    readonly after: number,
    readonly limit: number,
  ) {}
}

@QueryHandler(CheckpointsQuery)
export class CheckpointsHandler implements IQueryHandler<CheckpointsQuery, SignedCheckpoint[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ after, limit }: CheckpointsQuery): Promise<SignedCheckpoint[]> {
    return this.runtime.evidence.list(after, limit);
  }
}

/** Commit to every stream's head now (the latest checkpoint when nothing was written since). */
export class MakeCheckpoint {}

@CommandHandler(MakeCheckpoint)
export class MakeCheckpointHandler implements ICommandHandler<MakeCheckpoint, { checkpoint: SignedCheckpoint | null; created: boolean }> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute() {
    return this.runtime.evidence.checkpoint();
  }
}

export class CustomerEventsQuery {
  constructor(readonly request: ChainedEventsRequest) {}
}

@QueryHandler(CustomerEventsQuery)
export class CustomerEventsHandler implements IQueryHandler<CustomerEventsQuery, ChainedEventsPage> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ request }: CustomerEventsQuery): Promise<ChainedEventsPage> {
    return this.runtime.evidence.events(request);
  }
}

export class VerifyCustomerQuery {
  constructor(readonly customerId: string) {}
}

@QueryHandler(VerifyCustomerQuery)
export class VerifyCustomerHandler implements IQueryHandler<VerifyCustomerQuery, AuditReport> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ customerId }: VerifyCustomerQuery): Promise<AuditReport> {
    return this.runtime.evidence.verify({ customerId });
  }
}

/** The public half of the checkpoints' signing key. */
export class SigningPublicKeyQuery {}

@QueryHandler(SigningPublicKeyQuery)
export class SigningPublicKeyHandler implements IQueryHandler<SigningPublicKeyQuery, { keyId: string; publicKey: string; algorithm: 'Ed25519' }> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async execute() {
    const { keyId, pem } = this.runtime.evidence.publicKey;
    return { keyId, publicKey: pem, algorithm: 'Ed25519' as const };
  }
}
