import type { KeyObject } from 'node:crypto';
import { chainLink, storedFormOf } from '../chain/chain-link';
import type { ChainedEvent } from '../event-store';
import { inTreeOrder, merkleRoot, provesInclusion, type StreamHead } from '../checkpoints/merkle';
import { checkpointProblem, keyIdOf, sequenceProblem, type SignedCheckpoint } from '../checkpoints/signed-checkpoint';
import { exportFormat, type ExportLine, type ExportScope } from './export-format';

export interface ExportFinding {
  /** 1-based line of the file. */
  line: number;
  problem: string;
}

export interface ExportReport {
  ok: boolean;
  scope: ExportScope | null;
  events: number;
  checkpoints: number;
  /** Checkpoints whose root was recomputed from the file's events (a complete export), or proved for the stream (a customer's). */
  checkpointsMatched: number;
  findings: ExportFinding[];
  /** Findings beyond the ones listed. */
  moreFindings: number;
}

const listedFindings = 1000;

/**
 * Checks an export with nothing but the file and the public key: every
 * checkpoint's signature and chaining, every event's link and its place in its
 * stream, and that the streams still reach every head a checkpoint committed
 * to: by the roots recomputed from the events (a complete export) or by the
 * inclusion proofs (a customer's). Memory holds one head per stream.
 */
export async function verifyExport(lines: AsyncIterable<string>, publicKey: KeyObject, onEvent?: (events: number) => void): Promise<ExportReport> {
  const report: ExportReport = { ok: false, scope: null, events: 0, checkpoints: 0, checkpointsMatched: 0, findings: [], moreFindings: 0 };
  const find = (line: number, problem: string) => (report.findings.length < listedFindings ? report.findings.push({ line, problem }) : report.moreFindings++);
  const checkpoints: SignedCheckpoint[] = [];
  /** Heads a proof showed committed, which an event of the file must carry: `stream\nversion` → hash. */
  const committed = new Map<string, { hash: string; checkpoint: number; line: number }>();
  const heads = new Map<string, StreamHead>();
  let pendingRoots: SignedCheckpoint[] = [];
  let lastPosition = 0;
  let ended = false;
  let number = 0;
  const checkRootsUpTo = (position: number, line: number) => {
    while (pendingRoots.length > 0 && pendingRoots[0].position < position) {
      const checkpoint = pendingRoots.shift()!;
      const ordered = inTreeOrder([...heads.values()]);
      if (ordered.length === checkpoint.streams && merkleRoot(ordered) === checkpoint.root) report.checkpointsMatched++;
      else find(line, `the streams' heads at position ${checkpoint.position} (${ordered.length} streams) do not give checkpoint ${checkpoint.sequence}'s signed root (${checkpoint.streams} streams): events were removed, altered or added`);
    }
  };

  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    let line: ExportLine;
    try {
      line = JSON.parse(text) as ExportLine;
    } catch {
      find(number, 'is not JSON');
      continue;
    }
    if (ended) find(number, 'follows the end line');
    if (number === 1) {
      if (!('export' in line) || line.export.format !== exportFormat) {
        find(number, `is not the header of a ${exportFormat} file`);
        break;
      }
      report.scope = line.export.scope;
      if (line.export.keyId !== keyIdOf(publicKey)) find(number, `names signing key ${line.export.keyId}, not the ${keyIdOf(publicKey)} given`);
      continue;
    }
    const scope = report.scope!;
    if ('checkpoint' in line) {
      const checkpoint = line.checkpoint;
      const problem = checkpointProblem(checkpoint, publicKey) ?? sequenceProblem(checkpoints[checkpoints.length - 1], checkpoint);
      if (problem) find(number, `checkpoint ${checkpoint.sequence} ${problem}`);
      checkpoints.push(checkpoint);
      report.checkpoints++;
      if (scope.complete) pendingRoots.push(checkpoint);
    } else if ('proof' in line) {
      const { proof } = line;
      const checkpoint = checkpoints.find((c) => c.sequence === proof.checkpoint);
      if (!checkpoint) find(number, `proves a head under checkpoint ${proof.checkpoint}, which the file does not hold`);
      else if (proof.size !== checkpoint.streams || !provesInclusion(proof, proof.index, proof.size, proof.path, checkpoint.root)) {
        find(number, `does not prove that checkpoint ${proof.checkpoint} committed to ${proof.streamId} version ${proof.version}`);
      } else {
        committed.set(`${proof.streamId}\n${proof.version}`, { hash: proof.hash, checkpoint: proof.checkpoint, line: number });
        report.checkpointsMatched++;
      }
    } else if ('streamKey' in line) {
      continue;
    } else if ('event' in line) {
      const event = line.event;
      report.events++;
      checkEvent(event, scope, number);
      onEvent?.(report.events);
    } else if ('end' in line) {
      ended = true;
      if (line.end.events !== report.events || line.end.lastPosition !== lastPosition) {
        find(number, `says ${line.end.events} events up to position ${line.end.lastPosition}; the file holds ${report.events} up to ${lastPosition}`);
      }
    } else {
      find(number, 'is no line of an export');
    }
  }

  function checkEvent(event: ChainedEvent, scope: ExportScope, line: number): void {
    const at = `${event.streamId} version ${event.streamVersion}`;
    if (!(event.position > lastPosition)) find(line, `${at} is at position ${event.position}, not after ${lastPosition}`);
    if (event.position < scope.from || event.position > scope.to) find(line, `${at} is at position ${event.position}, outside the export's ${scope.from}-${scope.to}`);
    if (scope.streamId !== undefined && event.streamId !== scope.streamId) find(line, `${at} is not of ${scope.streamId}`);
    checkRootsUpTo(event.position, line);
    lastPosition = Math.max(lastPosition, event.position);
    const before = heads.get(event.streamId);
    if (before) {
      if (event.streamVersion !== before.version + 1) find(line, `${at} follows version ${before.version}: versions are missing or out of order`);
      if (event.previousHash !== before.hash) find(line, `${at} links to ${event.previousHash || 'nothing'}, not to the ${before.hash} of version ${before.version}`);
    } else if (scope.complete || scope.streamId !== undefined) {
      if (event.streamVersion !== 0 || event.previousHash !== '') find(line, `${at} is the first of its stream in the file, which starts at version 0`);
    }
    let link: string;
    try {
      link = chainLink(event.previousHash, storedFormOf(event));
    } catch (error) {
      find(line, `${at} cannot be put in its canonical form: ${(error as Error).message}`);
      return;
    }
    if (link !== event.hash) find(line, `${at} has link ${event.hash}, but its content and the link before it give ${link}: it was altered`);
    heads.set(event.streamId, { streamId: event.streamId, version: event.streamVersion, hash: event.hash });
    const promised = committed.get(`${event.streamId}\n${event.streamVersion}`);
    if (promised) {
      if (promised.hash !== event.hash) find(line, `${at} has link ${event.hash}, not the ${promised.hash} checkpoint ${promised.checkpoint} committed to`);
      committed.delete(`${event.streamId}\n${event.streamVersion}`);
    }
  }

  if (report.scope) {
    checkRootsUpTo(Infinity, number);
    for (const [key, promised] of committed) {
      const [streamId, version] = key.split('\n');
      find(promised.line, `checkpoint ${promised.checkpoint} committed to ${streamId} version ${version}, which the file does not hold: the stream was cut short or removed`);
    }
    if (!ended) find(number, 'the file ends before its end line: it was cut short');
  }
  report.ok = report.scope !== null && report.findings.length === 0 && report.moreFindings === 0;
  return report;
}
