/** Failures of the domain; the HTTP edge branches on the class, people read the message. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command breaks a business rule (422); `rule` is a stable code, `path` the field at fault. */
export class BusinessRuleViolation extends DomainError {
  readonly code = 'business_rule_violation';
  constructor(
    readonly rule: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export type CustomerPart = 'contact' | 'complaint' | 'order';

/** The command names a contact, complaint or order this customer does not have (404). */
export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly entity: CustomerPart,
    readonly id: string,
    readonly path?: string,
  ) {
    super(`This customer has no ${entity} ${id}.`);
  }
}

/** Anything but registration was sent to a customer that was never registered (404). */
export class CustomerNotRegistered extends DomainError {
  readonly code = 'customer_not_registered';
  constructor(readonly commandType: string) {
    super(`The customer is not registered: ${commandType} needs a registered customer; register it first.`);
  }
}

/** The customer was erased; its stream accepts no further command (410). */
export class CustomerErasedError extends DomainError {
  readonly code = 'customer_erased';
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} was erased and accepts no further command.`);
  }
}

/**
 * The contact a command acts on (named in the path, or added again under their id) was erased
 * at their own request (410): their personal data is gone and they take no further command. A
 * contact a body refers to is a field at fault instead (422 `contact.erased`).
 */
export class ContactErasedError extends DomainError {
  readonly code = 'contact_erased';
  constructor(readonly contactId: string) {
    super(`Contact ${contactId} was erased and takes no further command.`);
  }
}

export type DuplicateEntity = 'customer' | CustomerPart | 'refund';

/** The id is taken by a different payload (409); an identical retry is accepted and changes nothing. */
export class DuplicateConflict extends DomainError {
  readonly code = 'duplicate_conflict';
  constructor(
    readonly entity: DuplicateEntity,
    readonly id: string,
  ) {
    super(
      `A ${entity} with id ${id} already exists with a different payload; ` +
        'only an identical retry is accepted under the same id.',
    );
  }
}
