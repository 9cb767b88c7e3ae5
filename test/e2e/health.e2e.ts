import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@crm/api';
import { createTestDatabase, testMasterKey, testSigningKey } from '@crm/testing';

async function started(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return app.getUrl();
}

describe('GET /health', () => {
  it('answers on PostgreSQL when DATABASE_URL is set', async () => {
    const database = await createTestDatabase();
    const app = await createApp({ port: 0, databaseUrl: database.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey }, ['error', 'warn']);
    try {
      const response = await fetch(`${await started(app)}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', storage: 'postgres', headPosition: 0 });
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('answers on embedded PGlite in the data folder by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-api-'));
    const app = await createApp({ port: 0, dataDir: dir }, ['error', 'warn']);
    try {
      const response = await fetch(`${await started(app)}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', storage: 'pglite', headPosition: 0 });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
