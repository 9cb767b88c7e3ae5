import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { chainLink, checkpointStatement, storedFormOf, type ChainedEvent, type SignedCheckpoint } from '@crm/event-store';
import { testMasterKeyText, testSigningKeyText } from '@crm/testing';
import { registered, startApi, type Call, type TestApi } from '../support/api';
import { runCli } from '../support/cli-process';
import { buildService } from '../support/service-process';

const purchase = (orderId: string) => ({ orderId, currency: 'CNY', lines: [{ sku: 'BOOTH-A', category: 'booths', quantity: 1, unitPriceMinor: 1_200_000 }] });

describe('auditors: chained streams, signed checkpoints, verification (PostgreSQL)', () => {
  let api: TestApi;
  let auditor: Call;
  let sql: postgres.Sql;
  beforeAll(async () => {
    buildService();
    // Checkpoints only on demand here: the test decides what they cover.
    api = await startApi({ checkpointSeconds: 0 });
    auditor = await api.as('auditor');
    sql = postgres(api.databaseUrl, { max: 1, onnotice: () => undefined });
    await registered(api.call, 'te-1');
    await api.call('POST', '/v1/customers/te-1/contacts', { contactId: 'ct-1', name: '李娜', level: 'executive', role: 'decision-maker' });
    for (const order of ['SO-1', 'SO-2', 'SO-3']) await api.call('POST', '/v1/customers/te-1/purchases', purchase(order));
    await registered(api.call, 'te-2');
  }, 240_000);
  afterAll(async () => {
    await sql?.end();
    await api?.close();
  });

  it("gives a customer's raw stream in the §8 envelope, each event linked to the one before it, in pages", async () => {
    const all = await auditor('GET', '/v1/customers/te-1/events');
    expect(all.status).toBe(200);
    const events: ChainedEvent[] = all.body.events;
    expect(events.map((e) => [e.streamVersion, e.type])).toEqual([
      [0, 'CustomerRegistered'],
      [1, 'ContactAdded'],
      [2, 'PurchaseRecorded'],
      [3, 'PurchaseRecorded'],
      [4, 'PurchaseRecorded'],
    ]);
    expect(all.body.next).toBeNull();
    expect(events[1]).toMatchObject({ streamId: 'customer-te-1', data: { name: '李娜' }, metadata: { actor: expect.any(String), correlationId: expect.any(String) } });
    expect(events[0].previousHash).toBe('');
    events.forEach((e, i) => i > 0 && expect(e.previousHash).toBe(events[i - 1].hash));
    // Every link checks from the answer alone: purchases carry nothing personal (what they read is what the link covers),
    // a registration and a contact carry the form stored, their personal fields sealed.
    for (const e of events) expect(chainLink(e.previousHash, storedFormOf(e))).toBe(e.hash);
    expect(events.map((e) => e.stored !== undefined)).toEqual([true, true, false, false, false]);
    expect(events[1].stored).toMatchObject({ data: { contactId: 'ct-1', level: 'executive' }, metadata: { personalData: expect.any(Object) } });
    expect(JSON.stringify(events[1].stored)).not.toContain('李娜');
    expect(events.map((e) => 'personalData' in e.metadata)).toEqual(events.map(() => false));

    const first = await auditor('GET', '/v1/customers/te-1/events?limit=2');
    expect(first.body.events.map((e: ChainedEvent) => e.streamVersion)).toEqual([0, 1]);
    expect(first.body.next).toBe(2);
    const second = await auditor('GET', `/v1/customers/te-1/events?fromVersion=${first.body.next}&limit=2`);
    expect(second.body.events.map((e: ChainedEvent) => e.hash)).toEqual(events.slice(2, 4).map((e) => e.hash));
    expect(second.body.next).toBe(4);
    const ranged = await auditor('GET', '/v1/customers/te-1/events?fromVersion=1&toVersion=2');
    expect(ranged.body).toMatchObject({ next: null, events: [{ streamVersion: 1 }, { streamVersion: 2 }] });
  });

  it('refuses bad parameters, unknown customers and roles other than auditor', async () => {
    expect((await auditor('GET', '/v1/customers/te-1/events?fromVersion=-1')).body.errors[0].path).toBe('fromVersion');
    expect((await auditor('GET', '/v1/customers/te-1/events?limit=1001')).status).toBe(400);
    expect((await auditor('GET', '/v1/customers/te-1/events?since=1')).status).toBe(400);
    expect((await auditor('GET', '/v1/customers/te-1/verify?deep=1')).status).toBe(400);
    expect((await auditor('GET', '/v1/checkpoints?after=x')).body.errors[0].path).toBe('after');
    const unknown = await auditor('GET', '/v1/customers/nobody/events');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'customer-not-found' } });
    expect((await auditor('GET', '/v1/customers/nobody/verify')).status).toBe(404);
    for (const role of ['writer', 'analyst', 'integrator'] as const) {
      const caller = await api.as(role);
      expect((await caller('GET', '/v1/customers/te-1/events')).status).toBe(403);
      expect((await caller('GET', '/v1/customers/te-1/verify')).status).toBe(403);
      expect((await caller('GET', '/v1/checkpoints')).status).toBe(403);
    }
    expect((await auditor('POST', '/v1/checkpoints')).status).toBe(403);
  });

  it('signs checkpoints anyone can check with the published key, and verifies a stream against them', async () => {
    const made = await api.call('POST', '/v1/checkpoints');
    expect(made).toMatchObject({ status: 200, body: { created: true, checkpoint: { sequence: 1, streams: 2, previous: '' } } });
    expect((await api.call('POST', '/v1/checkpoints')).body).toEqual({ created: false, checkpoint: made.body.checkpoint });
    const published = await api.withAuthorization(undefined)('GET', '/v1/checkpoints/public-key');
    expect(published).toMatchObject({ status: 200, body: { algorithm: 'Ed25519', keyId: made.body.checkpoint.keyId } });
    const listed = await auditor('GET', '/v1/checkpoints');
    expect(listed.body).toEqual({ checkpoints: [made.body.checkpoint], next: null });
    const checkpoint: SignedCheckpoint = listed.body.checkpoints[0];
    expect(verify(null, checkpointStatement(checkpoint), createPublicKey(published.body.publicKey), Buffer.from(checkpoint.signature, 'base64'))).toBe(true);

    const clean = await auditor('GET', '/v1/customers/te-1/verify');
    expect(clean).toMatchObject({ status: 200, body: { ok: true, checked: 5, broken: [], checkpoints: { checked: 1, problems: [] }, uncovered: 0 } });
  });

  it("catches the removal of a stream's newest event, which the chain alone cannot show; crm verify exits 1 and names it", async () => {
    const env = { DATABASE_URL: api.databaseUrl, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText };
    const before = await runCli(['verify', '--all'], env);
    expect(before.stdout).toMatch(/^OK: 6 events' links checked, 0 findings; 1 checkpoints, 0 with problems/);
    expect(before.code).toBe(0);

    await sql`delete from crm_events where stream_id = 'customer-te-1' and stream_version = 4`;
    const report = await auditor('GET', '/v1/customers/te-1/verify');
    expect(report.body).toMatchObject({ ok: false, checked: 4, broken: [{ streamId: 'customer-te-1', version: 4, found: null, reason: 'committed-head', checkpoint: 1 }] });
    expect((await auditor('GET', '/v1/customers/te-2/verify')).body.ok).toBe(true);

    const after = await runCli(['verify'], env);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/^BROKEN: 5 events' links checked, 1 findings/);
    expect(after.stdout).toContain('committed-head customer-te-1 version 4: expected');
    expect(after.stderr).toContain('links');
    const one = await runCli(['verify', '--customer', 'te-2'], env);
    expect(one.code).toBe(0);
    const both = await runCli(['verify', '--customer', 'te-2', '--all'], env);
    expect(both.code).toBe(2);
  });
});

describe('offline verification: crm export, then crm verify --file with the public key alone (PostgreSQL)', () => {
  let api: TestApi;
  let env: Record<string, string>;
  let folder: string;
  let publicKeyFile: string;
  beforeAll(async () => {
    buildService();
    api = await startApi({ checkpointSeconds: 0 });
    env = { DATABASE_URL: api.databaseUrl, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText };
    folder = mkdtempSync(join(tmpdir(), 'crm-export-'));
    publicKeyFile = join(folder, 'key.pem');
    writeFileSync(publicKeyFile, (await api.call('GET', '/v1/checkpoints/public-key')).body.publicKey);
    for (const id of ['ex-1', 'ex-2', 'ex-3']) {
      await registered(api.call, id);
      await api.call('POST', `/v1/customers/${id}/contacts`, { contactId: 'ct-1', name: `王 ${id}`, level: 'executive', role: 'decision-maker' });
      await api.call('POST', `/v1/customers/${id}/purchases`, purchase(`${id}-SO-1`));
      if (id === 'ex-2') await api.call('POST', '/v1/checkpoints');
    }
    await api.call('POST', '/v1/customers/ex-3/erasure', { basis: 'data-subject-request' });
    await api.call('POST', '/v1/checkpoints');
    await api.call('POST', '/v1/customers/ex-1/purchases', purchase('ex-1-SO-2'));
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const exported = async (name: string, args: string[]) => {
    const file = join(folder, name);
    const run = await runCli(['export', '--out', file, ...args], env);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    return { file, lines: readFileSync(file, 'utf8').trimEnd().split('\n') };
  };
  const verified = (file: string) => runCli(['verify', '--file', file, '--public-key', publicKeyFile], {});

  it('exports everything with its checkpoints; the file verifies with no database, roots recomputed', async () => {
    const { file, lines } = await exported('all.ndjson', []);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(Object.keys(parsed[0])).toEqual(['export']);
    expect(parsed[0].export.scope).toEqual({ from: 1, to: 11, complete: true });
    expect(parsed.filter((l) => 'checkpoint' in l).map((l) => l.checkpoint.sequence)).toEqual([1, 2]);
    const events = parsed.filter((l) => 'event' in l).map((l) => l.event);
    expect(events.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Erased data reads as erased; the sealed form the link covers travels beside it.
    const erasedContact = events.find((e) => e.streamId === 'customer-ex-3' && e.type === 'ContactAdded');
    expect(erasedContact).toMatchObject({ data: { name: null }, metadata: { erased: expect.arrayContaining(['name']) }, stored: { metadata: { personalData: expect.any(Object) } } });
    expect(lines.join('\n')).not.toContain('王 ex-3');
    expect(events.find((e) => e.streamId === 'customer-ex-1' && e.type === 'ContactAdded').data.name).toBe('王 ex-1');
    expect(parsed.filter((l) => 'streamKey' in l).map((l) => [l.streamKey.streamId, l.streamKey.wrappedKey === null])).toEqual([
      // Each contact's own key beside its customer's (named after both), shredded with the customer.
      ['customer-ex-1', false],
      ['customer-ex-1\u001fcontact:ct-1', false],
      ['customer-ex-2', false],
      ['customer-ex-2\u001fcontact:ct-1', false],
      ['customer-ex-3', true],
      ['customer-ex-3\u001fcontact:ct-1', true],
    ]);
    expect(parsed[parsed.length - 1]).toEqual({ end: { events: 11, lastPosition: 11 } });
    const check = await verified(file);
    expect(check.stdout).toContain('OK: ');
    expect(check.stdout).toContain('11 events, 2 checkpoints, 2 commitments matched; 0 findings');
    expect(check.code).toBe(0);
  });

  it('catches an altered event, a removed line, a file cut short and a stranger key', async () => {
    const { lines } = await exported('tamper.ndjson', []);
    const write = (name: string, content: string[]) => {
      const file = join(folder, name);
      writeFileSync(file, `${content.join('\n')}\n`);
      return file;
    };
    const at = lines.findIndex((l) => l.includes('"ex-2-SO-1"'));
    const altered = write('altered.ndjson', lines.map((l, i) => (i === at ? l.replace('1200000', '1300000') : l)));
    const check = await verified(altered);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`line ${at + 1}: customer-ex-2 version 2 has link`);
    expect(check.stdout).toContain('it was altered');

    const removed = await verified(write('removed.ndjson', lines.filter((_, i) => i !== at)));
    expect(removed.code).toBe(1);
    expect(removed.stdout).toMatch(/do not give checkpoint 2's signed root|follows version|says 11 events/);

    const cut = await verified(write('cut.ndjson', lines.slice(0, -3)));
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('the file ends before its end line: it was cut short');

    const stranger = join(folder, 'stranger.pem');
    writeFileSync(stranger, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const foreign = await runCli(['verify', '--file', join(folder, 'tamper.ndjson'), '--public-key', stranger], {});
    expect(foreign.code).toBe(1);
    expect(foreign.stdout).toContain('is signed by key');
  });

  it("exports one customer with proofs that each checkpoint committed to its stream; a stream cut short in the database shows", async () => {
    const { file, lines } = await exported('one.ndjson', ['--customer', 'ex-1']);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.filter((l) => 'proof' in l).map((l) => [l.proof.checkpoint, l.proof.version])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(parsed.filter((l) => 'event' in l).map((l) => l.event.streamVersion)).toEqual([0, 1, 2, 3]);
    expect((await verified(file)).code).toBe(0);

    const sql = postgres(api.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      await sql`delete from crm_events where stream_id = 'customer-ex-1' and stream_version >= 2`;
    } finally {
      await sql.end();
    }
    const after = await exported('one-cut.ndjson', ['--customer', 'ex-1']);
    const check = await verified(after.file);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('checkpoint 2 committed to customer-ex-1 version 2, which the file does not hold');
  });

  it('refuses bad options', async () => {
    expect((await runCli(['export', '--from', 'x'], env)).code).toBe(2);
    expect((await runCli(['export', '--from', '5', '--to', '2'], env)).code).toBe(2);
    expect((await runCli(['verify', '--file', 'x.ndjson'], env)).code).toBe(2);
    const missing = await runCli(['verify', '--file', join(folder, 'nope.ndjson'), '--public-key', publicKeyFile], {});
    expect(missing.code).toBe(1);
  });
});
