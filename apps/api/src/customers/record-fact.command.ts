import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandOutcome, Runtime } from '@crm/application';
import type { CustomerCommand } from '@crm/domain';
import { RUNTIME } from '../database/database.module';

/** Record a fact about one customer (the CommandBus's message; the application layer does the work). */
export class RecordCustomerFact {
  constructor(
    readonly customerId: string,
    readonly command: CustomerCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordCustomerFact)
export class RecordCustomerFactHandler implements ICommandHandler<RecordCustomerFact, CommandOutcome> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ customerId, command, context }: RecordCustomerFact): Promise<CommandOutcome> {
    return this.runtime.facts.record(customerId, command, context);
  }
}
