import type { ExpectedVersion } from '../event-store';

/** Where an append links in: the version it writes first and the hash (hex) of the event before it. */
export interface ChainSeed {
  version: number;
  hash: string;
}

/**
 * The last event (version and hash) of streams this store wrote recently, so
 * that an append expecting exactly that version links to it without reading
 * the stream's head first. Stored events never change, and the unique
 * (stream_id, stream_version) key refuses a seed gone stale because another
 * writer appended, so a wrong entry can cost a conflict but never a bad link.
 */
export class StreamHeads {
  private readonly heads = new Map<string, ChainSeed>();

  constructor(private readonly capacity = 10_000) {}

  /** The seed for an append with this expectation, if it needs no read. */
  seed(streamId: string, expected: ExpectedVersion): ChainSeed | undefined {
    if (expected === 'no_stream') return { version: 0, hash: '' };
    if (expected === 'any') return undefined;
    const head = this.heads.get(streamId);
    return head && head.version === expected + 1 ? head : undefined;
  }

  /** `version` was written last, with `hash`. */
  learn(streamId: string, version: number, hash: string): void {
    // Two appends of this process to one stream (an explicit batch beside a single append) may finish out of order.
    if ((this.heads.get(streamId)?.version ?? -1) > version + 1) return;
    // Delete first: a Map keeps insertion order, which makes it an LRU.
    this.heads.delete(streamId);
    this.heads.set(streamId, { version: version + 1, hash });
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
