/** Typed failures of the event store; callers branch on the class, users read the message. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not at the version the caller expected (optimistic concurrency). */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'wrong_expected_version';
  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream' | 'any',
    readonly actual: number,
  ) {
    super(
      `Stream ${streamId} is at version ${actual === -1 ? 'none (it does not exist)' : actual}, ` +
        `but the append expected ${expected === 'no_stream' ? 'no stream' : `version ${expected}`}.`,
    );
  }
}

/** The input cannot be stored; `path` names the offending field, e.g. `events[2].data.amount`. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'invalid_event';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** One event, or the whole append, is larger than the store accepts. */
export class EventTooLargeError extends EventStoreError {
  readonly code = 'event_too_large';
  constructor(
    readonly path: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`${path} is ${bytes} bytes, over the limit of ${limit} bytes.`);
  }
}

/** Some of the event ids are stored already, but not as exactly this append to this stream. */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'event_id_conflict';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Event ids ${eventIds.join(', ')} are stored already, but not as this append to stream ${streamId}.`);
  }
}

/**
 * The stream's personal data was erased (its key shredded): nothing personal can be written to
 * it again; or, with `subject`, that data subject's (a contact person's) on the stream.
 */
export class PersonalDataErasedError extends EventStoreError {
  readonly code = 'personal_data_erased';
  constructor(
    readonly streamId: string,
    readonly subject?: string,
  ) {
    super(
      subject === undefined
        ? `The personal data of stream ${streamId} was erased; no personal data can be recorded on it again.`
        : `The personal data of ${subject} on stream ${streamId} was erased; none of theirs can be recorded on it again.`,
    );
  }
}
