import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, testMasterKeyText, testSigningKeyText, type TestDatabase } from '@crm/testing';
import { buildService, startServiceProcess, type ServiceProcess } from '../support/service-process';

const adminKey = 'drain-admin-key-0123456789abcdef';

/** Opens a connection and sends a request's head and the first half of its body; the rest waits for `finish`. */
async function halfSent(url: string, path: string, body: unknown): Promise<{ finish(): void; answer: Promise<string>; socket: Socket }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const json = Buffer.from(JSON.stringify(body));
  const half = Math.floor(json.length / 2);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${adminKey}\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n`,
  );
  socket.write(json.subarray(0, half));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const answer = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  return { finish: () => socket.write(json.subarray(half)), answer, socket };
}

describe('the service stopped with SIGTERM (PostgreSQL)', () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  beforeAll(async () => {
    buildService();
    database = await createTestDatabase();
    service = await startServiceProcess({ DATABASE_URL: database.url, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText, CRM_ADMIN_KEY: adminKey });
  }, 180_000);
  afterAll(async () => {
    service.child.kill('SIGKILL');
    await database.drop();
  });

  it('answers the requests in flight, takes no new connection, then exits', async () => {
    const registration = { customerId: 'drained', kind: 'person', name: 'Drained Customer' };
    const inFlight = await halfSent(service.url, '/v1/customers', registration);
    await sleep(200); // the head has arrived and been routed
    service.child.kill('SIGTERM');
    await sleep(500);
    const refused = await fetch(`${service.url}/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toContain('"customerId":"drained"');
    // Nest closes the application, then ends the process by the signal it was sent.
    expect(await service.exited).toBe('SIGTERM');
    expect(service.output()).not.toMatch(/error/i);

    const again = await startServiceProcess({ DATABASE_URL: database.url, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText, CRM_ADMIN_KEY: adminKey });
    try {
      const view = await fetch(`${again.url}/v1/customers/drained`, { headers: { authorization: `Bearer ${adminKey}` } });
      expect(view.status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 120_000);
});
