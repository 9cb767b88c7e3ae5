import { generateKeyPairSync } from 'node:crypto';
import { auditChain, type AuditReport } from '../checkpoints/chain-audit';
import { SqlCheckpoints } from '../checkpoints/sql-checkpoints';
import type { SqlClient } from '../sql/sql-client';
import type { SqlEventStoreAdapter, OpenedSqlEventStore } from './sql-contract-fixtures';

const signer = generateKeyPairSync('ed25519');

/** Three customers of 5, 3 and 4 events, a checkpoint over them, then 2 more events of the first. */
async function history(opened: OpenedSqlEventStore) {
  const { store, client } = opened;
  const streams = ['customer-a', 'customer-b', 'customer-c'];
  for (const [i, id] of streams.entries()) {
    await store.append(id, Array.from({ length: [5, 3, 4][i] }, (_, n) => ({ type: 'InteractionRecorded', data: { n } })), 'no_stream');
  }
  const checkpoints = await SqlCheckpoints.open(client, signer.privateKey);
  const { checkpoint } = await checkpoints.make();
  await store.append('customer-a', [{ type: 'StarRated', data: { stars: 4 } }, { type: 'StarRated', data: { stars: 5 } }], 4);
  return { checkpoints, first: checkpoint! };
}

const audit = (client: SqlClient, streamId?: string) => auditChain(client, signer.publicKey, { streamId });

function reasons(report: AuditReport) {
  return report.broken.map((f) => `${f.reason} ${f.streamId}@${f.version}${f.found === null ? ' gone' : ''}`);
}

/**
 * Tamper evidence beyond the per-stream chain (issue 18): signed checkpoints
 * commit to every stream's head, and an audit catches every kind of tampering
 * a database administrator can do in SQL, each on a fresh database.
 */
export function checkpointContract(adapter: SqlEventStoreAdapter): void {
  describe(`signed checkpoints: ${adapter.name}`, () => {
    let opened: OpenedSqlEventStore;
    beforeEach(async () => {
      opened = await adapter.open();
    });
    afterEach(async () => {
      await opened?.dispose();
    });
    const sql = (text: string, parameters: unknown[] = []) => opened.client.query(text, parameters);

    it('commits to every head at a settled position, signed and chained; an untouched store audits clean', async () => {
      const { checkpoints, first } = await history(opened);
      expect(first).toMatchObject({ sequence: 1, position: 12, streams: 3, previous: '' });
      expect(await checkpoints.heads(1)).toEqual([
        { streamId: 'customer-a', version: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { streamId: 'customer-b', version: 2, hash: expect.any(String) },
        { streamId: 'customer-c', version: 3, hash: expect.any(String) },
      ]);
      const clean = await audit(opened.client);
      expect(clean).toMatchObject({ ok: true, checked: 14, broken: [], checkpoints: { checked: 1, problems: [] }, uncovered: 2 });
      const { checkpoint: second, created } = await checkpoints.make();
      expect(created).toBe(true);
      expect(second).toMatchObject({ sequence: 2, position: 14, streams: 3, previous: first.digest });
      expect(await checkpoints.make()).toEqual({ checkpoint: second, created: false });
      expect(await audit(opened.client)).toMatchObject({ ok: true, uncovered: 0, checkpoints: { checked: 2, latest: { sequence: 2, position: 14 } } });
      expect(await audit(opened.client, 'customer-b')).toMatchObject({ ok: true, checked: 3 });
    });

    it('catches an altered event by its link', async () => {
      await history(opened);
      await sql(`update crm_events set data = '{"n": 99}' where stream_id = 'customer-b' and stream_version = 1`);
      const report = await audit(opened.client);
      expect(report.ok).toBe(false);
      expect(reasons(report)).toEqual(['link customer-b@1']);
    });

    it('catches a deleted event and reordered events by their links', async () => {
      await history(opened);
      await sql(`delete from crm_events where stream_id = 'customer-c' and stream_version = 1`);
      await sql(`update crm_events set stream_version = -1 where stream_id = 'customer-b' and stream_version = 0`);
      await sql(`update crm_events set stream_version = 0 where stream_id = 'customer-b' and stream_version = 1`);
      await sql(`update crm_events set stream_version = 1 where stream_id = 'customer-b' and stream_version = -1`);
      expect(reasons(await audit(opened.client))).toEqual(['link customer-b@0', 'link customer-b@1', 'link customer-b@2', 'link customer-c@2']);
    });

    it("catches a stream's newest events removed, which its links cannot show", async () => {
      await history(opened);
      await sql(`delete from crm_events where stream_id = 'customer-c' and stream_version >= 2`);
      const report = await audit(opened.client);
      expect(reasons(report)).toEqual(['committed-head customer-c@3 gone']);
      expect(report.broken[0]).toMatchObject({ checkpoint: 1, expected: expect.stringMatching(/^[0-9a-f]{64}$/), found: null });
      expect((await audit(opened.client, 'customer-c')).ok).toBe(false);
      expect((await audit(opened.client, 'customer-b')).ok).toBe(true);
    });

    it('catches a whole stream deleted', async () => {
      await history(opened);
      await sql(`delete from crm_events where stream_id = 'customer-b'`);
      expect(reasons(await audit(opened.client))).toEqual(['committed-head customer-b@2 gone']);
    });

    it('catches a stream re-chained with recomputed links after an alteration', async () => {
      await history(opened);
      await sql(`update crm_events set data = '{"n": 99}' where stream_id = 'customer-c' and stream_version = 1`);
      await sql(`
        with chain as (
          select crm_chain_links(''::bytea, array_agg(crm_event_canonical(stream_id, stream_version, event_id, type, schema_version,
                 data, metadata, occurred_at, recorded_at) order by stream_version)) as links
          from crm_events where stream_id = 'customer-c'
        )
        update crm_events e set hash = chain.links[e.stream_version + 1] from chain where e.stream_id = 'customer-c'`);
      const report = await audit(opened.client);
      expect(reasons(report)).toEqual(['committed-head customer-c@3']);
      expect(report.broken[0].found).not.toBe(report.broken[0].expected);
    });

    it('catches an event written into the past a checkpoint covers', async () => {
      await history(opened);
      await sql(`
        insert into crm_events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
        select -1, e, 'customer-forged', 0, 'Forged', 1, '{}', '{}', t, t, sha256(crm_event_canonical('customer-forged', 0, e, 'Forged', 1, '{}', '{}', t, t))
        from (select gen_random_uuid() as e, date_trunc('milliseconds', now()) as t) v`);
      expect(reasons(await audit(opened.client))).toEqual(['not-committed customer-forged@0']);
    });

    it('catches altered, deleted and foreign-signed checkpoints and altered recorded heads', async () => {
      const { checkpoints } = await history(opened);
      await checkpoints.make();
      await opened.store.append('customer-b', [{ type: 'StarRated', data: { stars: 3 } }], 2);
      await checkpoints.make();
      await sql(`update crm_checkpoint_heads set hash = repeat('0', 64) where sequence = 1 and stream_id = 'customer-b'`);
      let report = await audit(opened.client);
      // Checkpoint 2 folds the altered head too; checkpoint 3 records customer-b's head anew.
      expect(report.checkpoints.problems.map((p) => p.sequence)).toEqual([1, 2]);
      expect(report.checkpoints.problems[0].problem).toContain('recorded heads');
      expect(reasons(report)).toEqual(['committed-head customer-b@2']);

      await sql(`update crm_checkpoint_heads set hash = (select encode(hash, 'hex') from crm_events where stream_id = 'customer-b' and stream_version = 2) where sequence = 1 and stream_id = 'customer-b'`);
      await sql(`update crm_checkpoints set position = position - 1 where sequence = 1`);
      report = await audit(opened.client);
      expect(report.checkpoints.problems).toEqual([{ sequence: 1, problem: 'Checkpoint 1 has a signature that does not match its fields.' }]);

      await sql(`update crm_checkpoints set position = position + 1 where sequence = 1`);
      await sql(`delete from crm_checkpoint_heads where sequence = 2`);
      await sql(`delete from crm_checkpoints where sequence = 2`);
      report = await audit(opened.client);
      expect(report.checkpoints.problems.map((p) => p.problem)).toEqual([expect.stringContaining('checkpoint 2 is missing'), expect.stringContaining('recorded heads')]);

      const stranger = generateKeyPairSync('ed25519');
      expect((await auditChain(opened.client, stranger.publicKey)).checkpoints.problems[0].problem).toMatch(/is signed by key [0-9a-f]{16}, not by/);
    });
  });
}
