import type { KeyObject } from 'node:crypto';
import type { SqlClient } from '../sql/sql-client';
import { verifyStatement } from '../sql/statements';
import { inTreeOrder, merkleRoot, type StreamHead } from './merkle';
import { checkpointProblem, sequenceProblem, type SignedCheckpoint } from './signed-checkpoint';
import { toCheckpoint, type CheckpointRow } from './sql-checkpoints';
import {
  brokenCommitmentsStatement,
  checkpointsPageStatement,
  eventsAfterStatement,
  recordedHeadsPageStatement,
  uncommittedEventsStatement,
} from './statements';

/** Why a stored event does not stand as it should. */
export type FindingReason =
  /** Its link is not sha256(previous link || the event): altered, reordered, or a neighbour deleted. */
  | 'link'
  /** A checkpoint committed to this head, and the store no longer holds it so (truncated, deleted, re-chained). */
  | 'committed-head'
  /** Lies at or below the latest checkpoint's position, which did not commit to it (written into the covered past). */
  | 'not-committed';

export interface Finding {
  streamId: string;
  version: number;
  /** The link the chain or the checkpoint says the event must have (hex); null where nothing was committed. */
  expected: string | null;
  /** The link stored (hex); null when the event is gone. */
  found: string | null;
  reason: FindingReason;
  /** The checkpoint that shows it, for the checkpoint reasons. */
  checkpoint?: number;
}

export interface AuditReport {
  ok: boolean;
  /** Events whose links were checked. */
  checked: number;
  broken: Finding[];
  checkpoints: {
    checked: number;
    latest: { sequence: number; position: number; createdAt: string } | null;
    /** A checkpoint whose signature, chaining or recorded heads are wrong. */
    problems: { sequence: number; problem: string }[];
  };
  /** Events after the latest checkpoint: only their links vouch for them until the next one. */
  uncovered: number;
}

export interface AuditProgress {
  phase: 'links' | 'checkpoints';
  done: number;
  total: number;
}

const streamsPerBatch = 200;
/** Batches of links checked at once: as many as the machine's database has cores to hash with (2 here). */
const batchesAtOnce = 2;
const headsPerPage = 5000;

/**
 * Checks the store against itself and against every signed checkpoint: each
 * link, each checkpoint's signature and chaining, that each checkpoint's
 * recorded heads give its signed root, that every committed head is still in
 * the store as committed, and that nothing was written into the past the
 * latest checkpoint covers. Memory holds a batch of streams' findings and one
 * head per stream, never the events.
 */
export async function auditChain(
  client: SqlClient,
  publicKey: KeyObject,
  options: { streamId?: string; onProgress?: (progress: AuditProgress) => void } = {},
): Promise<AuditReport> {
  const streamId = options.streamId ?? null;
  const links = await checkLinks(client, streamId, options.onProgress);
  const checkpoints = await allCheckpoints(client);
  const problems: AuditReport['checkpoints']['problems'] = [];
  checkpoints.forEach((checkpoint, i) => {
    const problem = checkpointProblem(checkpoint, publicKey) ?? sequenceProblem(checkpoints[i - 1], checkpoint);
    if (problem) problems.push({ sequence: checkpoint.sequence, problem: `Checkpoint ${checkpoint.sequence} ${problem}.` });
  });
  problems.push(...(await checkRecordedHeads(client, checkpoints, options.onProgress)));
  const broken = [...links.broken];
  for (const row of await client.query<{ sequence: number; stream_id: string; version: number; expected: string; found: string | null }>(brokenCommitmentsStatement, [streamId])) {
    broken.push({ streamId: row.stream_id, version: row.version, expected: row.expected, found: row.found, reason: 'committed-head', checkpoint: row.sequence });
  }
  const latest = checkpoints[checkpoints.length - 1];
  if (latest) {
    const rows = await client.query<{ stream_id: string; version: number; found: string }>(uncommittedEventsStatement, [streamId, latest.sequence]);
    for (const row of rows) broken.push({ streamId: row.stream_id, version: row.version, expected: null, found: row.found, reason: 'not-committed', checkpoint: latest.sequence });
  }
  const [after] = await client.query<{ count: string }>(eventsAfterStatement, [streamId, latest?.position ?? 0]);
  return {
    ok: broken.length === 0 && problems.length === 0,
    checked: links.checked,
    broken,
    checkpoints: {
      checked: checkpoints.length,
      latest: latest ? { sequence: latest.sequence, position: latest.position, createdAt: latest.createdAt } : null,
      problems,
    },
    uncovered: Number(after.count),
  };
}

/** Every link, a batch of streams at a time (or the one stream). */
async function checkLinks(client: SqlClient, streamId: string | null, onProgress?: (progress: AuditProgress) => void) {
  const [{ count }] = await client.query<{ count: string }>(`select count(*)::bigint as count from crm_events where $1::text is null or stream_id = $1::text`, [streamId]);
  const total = Number(count);
  const broken: Finding[] = [];
  let checked = 0;
  const take = async (first: string | null, last: string | null) => {
    const rows = await client.query<{ checked: number; stream_id: string | null; stream_version: number | null; expected: string; found: string }>(verifyStatement, [
      streamId,
      first,
      last,
    ]);
    checked += Number(rows[0].checked);
    for (const row of rows) {
      if (row.stream_id !== null) broken.push({ streamId: row.stream_id, version: row.stream_version!, expected: row.expected, found: row.found, reason: 'link' });
    }
    onProgress?.({ phase: 'links', done: checked, total });
  };
  if (streamId !== null) {
    await take(null, null);
    return { checked, broken };
  }
  // The hashing is the database's work, a core per statement: batches run side by side.
  const running = new Set<Promise<void>>();
  let failed: unknown;
  for (let after: string | null = null; failed === undefined; ) {
    const streams: { stream_id: string }[] = await client.query<{ stream_id: string }>(
      `select distinct stream_id from crm_events where $1::text is null or stream_id > $1::text order by stream_id limit ${streamsPerBatch}`,
      [after],
    );
    if (streams.length === 0) break;
    const batch: Promise<void> = take(streams[0].stream_id, streams[streams.length - 1].stream_id)
      .catch((error: unknown) => void (failed ??= error))
      .finally(() => running.delete(batch));
    running.add(batch);
    if (running.size >= batchesAtOnce) await Promise.race(running);
    after = streams[streams.length - 1].stream_id;
  }
  await Promise.all(running);
  if (failed !== undefined) throw failed;
  broken.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version));
  return { checked, broken };
}

async function allCheckpoints(client: SqlClient): Promise<SignedCheckpoint[]> {
  const all: SignedCheckpoint[] = [];
  for (;;) {
    const page = (await client.query<CheckpointRow>(checkpointsPageStatement, [all[all.length - 1]?.sequence ?? 0, 1000])).map(toCheckpoint);
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

/** Folds the recorded heads checkpoint by checkpoint and compares each fold's root with the signed one. */
async function checkRecordedHeads(client: SqlClient, checkpoints: readonly SignedCheckpoint[], onProgress?: (progress: AuditProgress) => void) {
  const problems: { sequence: number; problem: string }[] = [];
  const heads = new Map<string, StreamHead>();
  let cursor: [number, string] = [0, ''];
  let page: { sequence: number; stream_id: string; version: number; hash: string }[] = [];
  let next = 0;
  let done = 0;
  for (const checkpoint of checkpoints) {
    for (;;) {
      for (; next < page.length && page[next].sequence <= checkpoint.sequence; next++) {
        const row = page[next];
        heads.set(row.stream_id, { streamId: row.stream_id, version: row.version, hash: row.hash });
      }
      if (next < page.length) break;
      page = await client.query(recordedHeadsPageStatement, [cursor[0], cursor[1], headsPerPage]);
      next = 0;
      if (page.length === 0) break;
      const last = page[page.length - 1];
      cursor = [last.sequence, last.stream_id];
    }
    const ordered = inTreeOrder([...heads.values()]);
    if (ordered.length !== checkpoint.streams || merkleRoot(ordered) !== checkpoint.root) {
      problems.push({
        sequence: checkpoint.sequence,
        problem: `Checkpoint ${checkpoint.sequence}'s recorded heads (${ordered.length} streams) do not give its signed root (${checkpoint.streams} streams): they were altered.`,
      });
    }
    onProgress?.({ phase: 'checkpoints', done: ++done, total: checkpoints.length });
  }
  return problems;
}
