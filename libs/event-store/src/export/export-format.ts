import type { ChainedEvent } from '../event-store';
import type { SignedCheckpoint } from '../checkpoints/signed-checkpoint';

/**
 * An export is NDJSON, one object a line, each with one member that says what
 * it is, in this order: the header; the checkpoints; the inclusion proofs (a
 * customer's export); the wrapped stream keys (for an import with the same
 * master key); the events in position order; the end, which shows a file cut short.
 */
export const exportFormat = 'crm-export/1';

export interface ExportScope {
  /** One customer's stream; absent: every stream. */
  streamId?: string;
  /** First and last `$all` position covered (inclusive). */
  from: number;
  to: number;
  /** Every event of every stream from the first position: each stream starts at version 0, and roots can be recomputed. */
  complete: boolean;
}

export interface ExportHeader {
  export: { format: typeof exportFormat; exportedAt: string; scope: ExportScope; keyId: string };
}

export interface CheckpointLine {
  checkpoint: SignedCheckpoint;
}

/** That checkpoint `checkpoint` committed to this head of the stream: its audit path to the signed root. */
export interface ProofLine {
  proof: { checkpoint: number; streamId: string; version: number; hash: string; index: number; size: number; path: string[] };
}

export interface StreamKeyLine {
  streamKey: { streamId: string; masterKeyId: string | null; wrappedKey: string | null };
}

/** The §8 envelope with its link and, where it differs, the form the link covers (sealed personal data). */
export interface EventLine {
  event: ChainedEvent;
}

export interface EndLine {
  end: { events: number; lastPosition: number };
}

export type ExportLine = ExportHeader | CheckpointLine | ProofLine | StreamKeyLine | EventLine | EndLine;
