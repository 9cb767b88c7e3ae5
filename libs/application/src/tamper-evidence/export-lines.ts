import { customerStream } from '@crm/domain';
import {
  exportFormat,
  inclusionProof,
  settledPosition,
  type ChainedReads,
  type EventStore,
  type ExportLine,
  type ExportScope,
  type SqlCheckpoints,
  type SqlClient,
  type StreamKeys,
  type WrappedStreamKey,
} from '@crm/event-store';

export interface ExportRequest {
  /** One customer's stream; absent: every stream. */
  customerId?: string;
  /** First and last `$all` position (inclusive); default from the first to what is written now. */
  from?: number;
  to?: number;
}

export interface ExportSources {
  client: SqlClient;
  store: EventStore & ChainedReads;
  checkpoints: SqlCheckpoints;
  streamKeys: StreamKeys;
  keyId: string;
}

/**
 * The lines of an export (export-format.ts), streamed: the checkpoints at or
 * below its last position, the inclusion proofs of a customer's heads under
 * each, the wrapped stream keys, the events, and the end. It covers what is
 * settled when it starts, so it is consistent while writers go on.
 */
export async function* exportLines(sources: ExportSources, request: ExportRequest, now: Date = new Date()): AsyncIterable<ExportLine> {
  const { client, store, checkpoints } = sources;
  const latest = await checkpoints.latest();
  const settled = await settledPosition(client, latest?.position ?? 0);
  const streamId = request.customerId === undefined ? undefined : customerStream(request.customerId);
  const scope: ExportScope = {
    ...(streamId === undefined ? {} : { streamId }),
    from: request.from ?? 1,
    to: Math.min(request.to ?? settled, settled),
    complete: streamId === undefined && (request.from ?? 1) <= 1,
  };
  yield { export: { format: exportFormat, exportedAt: now.toISOString(), scope, keyId: sources.keyId } };
  const covered = [];
  for (let page = await checkpoints.page(0, 1000); page.length > 0; page = await checkpoints.page(page[page.length - 1].sequence, 1000)) {
    for (const checkpoint of page) if (checkpoint.position <= scope.to) covered.push(checkpoint);
  }
  for (const checkpoint of covered) yield { checkpoint };
  if (streamId !== undefined) {
    for (const checkpoint of covered) {
      const heads = await checkpoints.heads(checkpoint.sequence);
      const index = heads.findIndex((head) => head.streamId === streamId);
      if (index >= 0) yield { proof: { checkpoint: checkpoint.sequence, ...heads[index], index, size: heads.length, path: inclusionProof(heads, index) } };
    }
  }
  yield* streamKeyLines(sources.streamKeys, streamId);
  let events = 0;
  let lastPosition = 0;
  const read = streamId === undefined ? store.readAllChained({ from: scope.from, to: scope.to }) : store.readStreamChained(streamId);
  for await (const event of read) {
    if (event.position < scope.from || event.position > scope.to) continue;
    events++;
    lastPosition = event.position;
    yield { event };
  }
  yield { end: { events, lastPosition } };
}

async function* streamKeyLines(streamKeys: StreamKeys, streamId: string | undefined): AsyncIterable<ExportLine> {
  const line = (key: WrappedStreamKey): ExportLine => ({
    streamKey: { streamId: key.streamId, masterKeyId: key.masterKeyId, wrappedKey: key.wrappedKey?.toString('base64') ?? null },
  });
  if (streamId !== undefined) {
    for (const key of await streamKeys.listWrappedOfStream(streamId)) yield line(key);
    return;
  }
  for (let after: string | undefined; ; ) {
    const page = await streamKeys.listWrapped({ ...(after === undefined ? {} : { after }), limit: 1000 });
    for (const key of page.keys) yield line(key);
    if (page.next === null) return;
    after = page.next;
  }
}
