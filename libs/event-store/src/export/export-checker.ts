import type { KeyObject } from 'node:crypto';
import { chainLink, storedFormOf, storedTextsOf, type StoredTexts } from '../chain/chain-link';
import type { ChainedEvent } from '../event-store';
import { inTreeOrder, merkleRoot, provesInclusion, type StreamHead } from '../checkpoints/merkle';
import { checkpointProblem, keyIdOf, sequenceProblem, type SignedCheckpoint } from '../checkpoints/signed-checkpoint';
import { exportFormat, type ExportLine, type ExportScope } from './export-format';

export interface ExportFinding {
  /** 1-based line of the file. */
  line: number;
  problem: string;
}

/**
 * Checks an export line by line with nothing but the public key: every
 * checkpoint's signature and chaining, every event's link and its place in its
 * stream, and that the streams still reach every head a checkpoint committed
 * to: by the roots recomputed from the events (a complete export) or by the
 * inclusion proofs (a customer's). Memory holds one head per stream. An import
 * takes each line only once the checker found nothing wrong with it.
 */
export class ExportChecker {
  scope: ExportScope | null = null;
  events = 0;
  checkpoints: SignedCheckpoint[] = [];
  /** Checkpoints whose root the file's events gave, or whose commitment to the stream was proved and found. */
  matched = 0;
  private number = 0;
  private ended = false;
  private lastPosition = 0;
  private readonly heads = new Map<string, StreamHead>();
  /** Heads a proof showed committed, which an event of the file must carry: `stream\nversion` → hash. */
  private readonly committed = new Map<string, { hash: string; checkpoint: number; line: number }>();
  private pendingRoots: SignedCheckpoint[] = [];

  constructor(private readonly publicKey: KeyObject) {}

  /**
   * The next line: what it holds, what is wrong with it (or with what it
   * completes), and for an event the texts of its stored data and metadata.
   */
  line(text: string): { line?: ExportLine; findings: ExportFinding[]; stored?: StoredTexts } {
    const findings: ExportFinding[] = [];
    const number = ++this.number;
    const find = (problem: string, at = number) => findings.push({ line: at, problem });
    if (text.trim() === '') return { findings };
    let line: ExportLine;
    try {
      line = JSON.parse(text) as ExportLine;
    } catch {
      find('is not JSON');
      return { findings };
    }
    if (this.ended) find('follows the end line');
    if (this.scope === null) {
      if (number !== 1 || typeof line !== 'object' || line === null || !('export' in line) || line.export.format !== exportFormat) {
        find(`is not the header of a ${exportFormat} file`);
        return { findings };
      }
      this.scope = line.export.scope;
      if (line.export.keyId !== keyIdOf(this.publicKey)) find(`names signing key ${line.export.keyId}, not the ${keyIdOf(this.publicKey)} given`);
      return { line, findings };
    }
    if ('checkpoint' in line) this.checkpoint(line.checkpoint, find);
    else if ('proof' in line) this.proof(line.proof, number, find);
    else if ('event' in line) return { line, findings, stored: this.event(line.event, find) };
    else if ('end' in line) {
      this.ended = true;
      if (line.end.events !== this.events || line.end.lastPosition !== this.lastPosition) {
        find(`says ${line.end.events} events up to position ${line.end.lastPosition}; the file holds ${this.events} up to ${this.lastPosition}`);
      }
    } else if (!('streamKey' in line)) find('is no line of an export');
    return { line, findings };
  }

  /** What only the whole file shows: roots after the last event, commitments never met, a missing end. */
  finish(): ExportFinding[] {
    const findings: ExportFinding[] = [];
    if (this.scope === null) return [{ line: this.number, problem: `the file holds no ${exportFormat} header` }];
    if (!this.ended) findings.push({ line: this.number, problem: 'the file ends before its end line: it was cut short' });
    // Cut short, the file cannot show the heads of checkpoints beyond its last event.
    this.checkRootsBelow(this.ended ? Infinity : this.lastPosition + 1, (problem) => findings.push({ line: this.number, problem }));
    for (const [key, promised] of this.committed) {
      const [streamId, version] = key.split('\n');
      findings.push({ line: promised.line, problem: `checkpoint ${promised.checkpoint} committed to ${streamId} version ${version}, which the file does not hold: the stream was cut short or removed` });
    }
    return findings;
  }

  private checkpoint(checkpoint: SignedCheckpoint, find: (problem: string) => void): void {
    const problem = checkpointProblem(checkpoint, this.publicKey) ?? sequenceProblem(this.checkpoints[this.checkpoints.length - 1], checkpoint);
    if (problem) find(`checkpoint ${checkpoint.sequence} ${problem}`);
    this.checkpoints.push(checkpoint);
    if (this.scope!.complete) this.pendingRoots.push(checkpoint);
  }

  private proof(proof: Extract<ExportLine, { proof: unknown }>['proof'], number: number, find: (problem: string) => void): void {
    const checkpoint = this.checkpoints.find((c) => c.sequence === proof.checkpoint);
    if (!checkpoint) return find(`proves a head under checkpoint ${proof.checkpoint}, which the file does not hold`);
    if (proof.size !== checkpoint.streams || !provesInclusion(proof, proof.index, proof.size, proof.path, checkpoint.root)) {
      return find(`does not prove that checkpoint ${proof.checkpoint} committed to ${proof.streamId} version ${proof.version}`);
    }
    this.committed.set(`${proof.streamId}\n${proof.version}`, { hash: proof.hash, checkpoint: proof.checkpoint, line: number });
    this.matched++;
  }

  private event(event: ChainedEvent, find: (problem: string) => void): StoredTexts | undefined {
    const scope = this.scope!;
    this.events++;
    const at = `${event.streamId} version ${event.streamVersion}`;
    if (!(event.position > this.lastPosition)) find(`${at} is at position ${event.position}, not after ${this.lastPosition}`);
    if (event.position < scope.from || event.position > scope.to) find(`${at} is at position ${event.position}, outside the export's ${scope.from}-${scope.to}`);
    if (scope.streamId !== undefined && event.streamId !== scope.streamId) find(`${at} is not of ${scope.streamId}`);
    this.checkRootsBelow(event.position, find);
    this.lastPosition = Math.max(this.lastPosition, event.position);
    const before = this.heads.get(event.streamId);
    if (before) {
      if (event.streamVersion !== before.version + 1) find(`${at} follows version ${before.version}: versions are missing or out of order`);
      if (event.previousHash !== before.hash) find(`${at} links to ${event.previousHash || 'nothing'}, not to the ${before.hash} of version ${before.version}`);
    } else if ((scope.complete || scope.streamId !== undefined) && (event.streamVersion !== 0 || event.previousHash !== '')) {
      find(`${at} is the first of its stream in the file, which starts at version 0`);
    }
    let link: string;
    let texts: StoredTexts;
    try {
      const form = storedFormOf(event);
      texts = storedTextsOf(form);
      link = chainLink(event.previousHash, form, texts);
    } catch (error) {
      find(`${at} cannot be put in its canonical form: ${(error as Error).message}`);
      return undefined;
    }
    if (link !== event.hash) find(`${at} has link ${event.hash}, but its content and the link before it give ${link}: it was altered`);
    this.heads.set(event.streamId, { streamId: event.streamId, version: event.streamVersion, hash: event.hash });
    const key = `${event.streamId}\n${event.streamVersion}`;
    const promised = this.committed.get(key);
    if (promised) {
      if (promised.hash !== event.hash) find(`${at} has link ${event.hash}, not the ${promised.hash} checkpoint ${promised.checkpoint} committed to`);
      this.committed.delete(key);
    }
    return texts;
  }

  /** Every pending checkpoint below `position` is complete in the file: its root must come out of the heads. */
  private checkRootsBelow(position: number, find: (problem: string) => void): void {
    while (this.pendingRoots.length > 0 && this.pendingRoots[0].position < position) {
      const checkpoint = this.pendingRoots.shift()!;
      const ordered = inTreeOrder([...this.heads.values()]);
      if (ordered.length === checkpoint.streams && merkleRoot(ordered) === checkpoint.root) this.matched++;
      else {
        find(
          `the streams' heads at position ${checkpoint.position} (${ordered.length} streams) do not give checkpoint ${checkpoint.sequence}'s signed root ` +
            `(${checkpoint.streams} streams): events were removed, altered or added`,
        );
      }
    }
  }
}
