import { createApp, roles } from '@crm/api';
import { testMasterKey, testSigningKey } from '@crm/testing';
import { startApi, type TestApi } from '../support/api';

describe('managing API keys (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const issue = async (name: string, role: string) => {
    const issued = await api.call('POST', '/v1/api-keys', { name, role });
    expect(issued.status).toBe(201);
    return issued.body as { id: string; key: string };
  };

  it('lists keys to admins only, without secrets, revoked ones with the time', async () => {
    const { id } = await issue('crm-sync', 'integrator');
    for (const role of roles.filter((r) => r !== 'admin')) {
      const call = await api.as(role);
      expect((await call('GET', '/v1/api-keys')).status).toBe(403);
      expect((await call('DELETE', `/v1/api-keys/${id}`)).status).toBe(403);
    }
    const listed = await api.call('GET', '/v1/api-keys');
    expect(listed.status).toBe(200);
    const entry = listed.body.keys.find((k: { id: string }) => k.id === id);
    expect(entry).toEqual({ id, name: 'crm-sync', role: 'integrator', createdAt: expect.any(String), revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toMatch(/crm_[A-Za-z0-9_-]{43}|key_?hash/i);
  });

  it('revokes a key at once: its next request is 401; revoking again changes nothing', async () => {
    const { id, key } = await issue('till-12', 'writer');
    const till = api.withAuthorization(`Bearer ${key}`);
    expect((await till('POST', '/v1/customers', { kind: 'person', name: '孙七' })).status).toBe(201);
    expect((await api.call('DELETE', `/v1/api-keys/${id}`)).status).toBe(204);
    const refused = await till('POST', '/v1/customers', { kind: 'person', name: '孙七' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await api.call('DELETE', `/v1/api-keys/${id}`)).status).toBe(204);
    const entry = (await api.call('GET', '/v1/api-keys')).body.keys.find((k: { id: string }) => k.id === id);
    expect(Date.parse(entry.revokedAt)).not.toBeNaN();
  });

  it('revokes a key in every process: another service on the same database refuses it within a second, not 30 s', async () => {
    const { id, key } = await issue('till-13', 'writer');
    const other = await createApp({ port: 0, databaseUrl: api.databaseUrl, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey }, ['error']);
    try {
      await other.listen(0, '127.0.0.1');
      const url = await other.getUrl();
      const register = async () =>
        (await fetch(`${url}/v1/customers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'person', name: '周八' }),
        })).status;
      // The other service has checked the key and keeps the answer.
      expect(await register()).toBe(201);
      expect((await api.call('DELETE', `/v1/api-keys/${id}`)).status).toBe(204);
      let status = await register();
      for (const until = Date.now() + 1000; status !== 401 && Date.now() < until; status = await register()) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers 404 for an unknown key and 400 naming keyId for a malformed one', async () => {
    const unknown = await api.call('DELETE', '/v1/api-keys/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const malformed = await api.call('DELETE', '/v1/api-keys/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: 'keyId', message: 'keyId must be the UUID of an API key' }]);
  });

  it('keeps the last admin key: 422 until another admin key exists', async () => {
    const admins = async () =>
      ((await api.call('GET', '/v1/api-keys')).body.keys as { id: string; name: string; role: string; revokedAt: string | null }[]).filter(
        (k) => k.role === 'admin' && k.revokedAt === null,
      );
    // The key CRM_ADMIN_KEY registered at start is named "admin"; the test's own calls use it.
    const seeded = (await admins()).find((k) => k.name === 'admin')!;
    for (const other of (await admins()).filter((k) => k.id !== seeded.id)) {
      expect((await api.call('DELETE', `/v1/api-keys/${other.id}`)).status).toBe(204);
    }
    const last = await api.call('DELETE', `/v1/api-keys/${seeded.id}`);
    expect(last.status).toBe(422);
    expect(last.body.detail).toContain('last admin key');
    const successor = await issue('second-admin', 'admin');
    const asSuccessor = api.withAuthorization(`Bearer ${successor.key}`);
    expect((await asSuccessor('DELETE', `/v1/api-keys/${seeded.id}`)).status).toBe(204);
    expect((await api.call('GET', '/v1/api-keys')).status).toBe(401);
    expect((await asSuccessor('GET', '/v1/api-keys')).status).toBe(200);
  });
});
