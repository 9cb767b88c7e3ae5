/**
 * Stream keys wrapped under a master key this process was not given: a wrong
 * or lost key, or a rotation's previous key dropped too soon. Said loudly,
 * since reading on would take every such customer for erased.
 */
export class UnknownMasterKeyError extends Error {
  constructor(
    /** The ids of the master keys missing. */
    readonly masterKeyIds: readonly string[],
    /** The master keys it has, described. */
    given: string,
    /** What is wrapped, with its verb: `The key of stream s is`, `3 stream keys in the database are`. */
    what: string,
  ) {
    const several = masterKeyIds.length > 1;
    super(
      `${what} wrapped under master key${several ? 's' : ''} ${masterKeyIds.join(', ')}, which this process was not given; ` +
        `it has ${given}. Give it the master key${several ? 's' : ''} with ${several ? 'those ids' : 'that id'}, as the current one or a previous one ` +
        '(during a rotation): without, their personal data cannot be read.',
    );
    this.name = 'UnknownMasterKeyError';
  }
}

/** A wrapped key that does not open with its master key: altered in the database, or copied from another stream's row. */
export class AlteredStreamKeyError extends Error {
  constructor(
    readonly streamId: string,
    readonly masterKeyId: string,
  ) {
    super(`The key of stream ${streamId} does not open with master key ${masterKeyId}: it was altered, or moved from another stream.`);
    this.name = 'AlteredStreamKeyError';
  }
}
