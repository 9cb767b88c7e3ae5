import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registered, startApi } from '../support/api';
import { runCli } from '../support/cli-process';
import { buildService } from '../support/service-process';

/** Checkpoints, verification and export on the embedded default, with the keys `npm start` makes in the data folder. */
describe('tamper evidence on embedded PGlite', () => {
  let dir: string;
  beforeAll(() => {
    buildService();
    dir = mkdtempSync(join(tmpdir(), 'crm-evidence-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('signs with the key file it made, verifies, exports a file that verifies offline and imports into another folder; crm uses the same keys', async () => {
    const service = await startApi({ databaseUrl: undefined, dataDir: dir, masterKey: undefined, signingKey: undefined, checkpointSeconds: 0 });
    let publicKey: string;
    try {
      await registered(service.call, 'pg-lite-1');
      await service.call('POST', '/v1/customers/pg-lite-1/contacts', { contactId: 'ct-1', name: '张伟', level: 'executive', role: 'decision-maker' });
      const made = await service.call('POST', '/v1/checkpoints');
      expect(made.body).toMatchObject({ created: true, checkpoint: { sequence: 1, position: 2, streams: 1 } });
      const auditor = await service.as('auditor');
      expect((await auditor('GET', '/v1/customers/pg-lite-1/verify')).body).toMatchObject({ ok: true, checked: 2, uncovered: 0 });
      expect((await auditor('GET', '/v1/customers/pg-lite-1/events')).body.events).toHaveLength(2);
      publicKey = (await service.call('GET', '/v1/checkpoints/public-key')).body.publicKey;
    } finally {
      await service.close();
    }
    expect(statSync(join(dir, 'keys', 'signing-key.pem')).mode & 0o777).toBe(0o600);

    // No key in the environment: crm reads the data folder's, as the service did.
    const env = { CRM_DATA_DIR: dir };
    const verified = await runCli(['verify'], env);
    expect(verified.stdout).toMatch(/^OK: 2 events' links checked, 0 findings; 1 checkpoints, 0 with problems/);
    expect(verified.code).toBe(0);
    const file = join(dir, 'export.ndjson');
    expect((await runCli(['export', '--out', file], env)).code).toBe(0);
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, publicKey);
    const offline = await runCli(['verify', '--file', file, '--public-key', keyFile], {});
    expect(offline.stdout).toContain('2 events, 1 checkpoints, 1 commitments matched; 0 findings');
    expect(offline.code).toBe(0);

    // Into another embedded folder with the same keys: the same events, and it verifies there.
    const copy = join(dir, 'copy');
    mkdirSync(join(copy, 'keys'), { recursive: true });
    for (const key of ['master-key', 'signing-key.pem']) copyFileSync(join(dir, 'keys', key), join(copy, 'keys', key));
    const imported = await runCli(['import', '--file', file], { CRM_DATA_DIR: copy });
    expect(imported.stdout).toContain('2 events written, 0 already stored, 2 stream keys, 1 checkpoints written');
    expect(imported.code).toBe(0);
    const there = await runCli(['verify'], { CRM_DATA_DIR: copy });
    expect(there.stdout).toMatch(/^OK: 2 events' links checked, 0 findings; 1 checkpoints, 0 with problems/);
    const restored = await startApi({ databaseUrl: undefined, dataDir: copy, masterKey: undefined, signingKey: undefined, checkpointSeconds: 0 });
    try {
      expect((await restored.call('GET', '/v1/customers/pg-lite-1')).body.contacts[0].name).toBe('张伟');
    } finally {
      await restored.close();
    }
  });
});
