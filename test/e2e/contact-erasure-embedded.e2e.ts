import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SQL_CLIENT } from '@crm/api';
import { startNats, type EphemeralNats } from '@crm/ephemeral-nats';
import type { SqlClient } from '@crm/event-store';
import { registered, startApi } from '../support/api';
import { openJetStream } from '../support/subscribers';

/** A contact's own erasure on the embedded default, with the master key `npm start` makes in the data folder, and NATS beside it. */
describe("a contact person's own erasure on embedded PGlite", () => {
  let dir: string;
  let nats: EphemeralNats;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-contact-erasure-'));
    nats = await startNats();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await nats?.stop();
  });

  it("shreds her key alone: her fields read null in the view and the raw stream, her colleague's stay, the stream verifies", async () => {
    const service = await startApi({ databaseUrl: undefined, dataDir: dir, masterKey: undefined, signingKey: undefined, checkpointSeconds: 0, natsUrl: nats.url });
    try {
      await registered(service.call, 'pgl-1');
      const contacts = [
        { contactId: 'ct-1', name: '张伟', level: 'executive', role: 'decision-maker', phone: '13700001111', email: 'zhang.wei@example.cn' },
        { contactId: 'ct-2', name: '陈静', level: 'staff', role: 'user', phone: '13700002222' },
      ];
      for (const contact of contacts) expect((await service.call('POST', '/v1/customers/pgl-1/contacts', contact)).status).toBe(201);
      const jetStream = await openJetStream(nats.url);
      const published = async () => JSON.stringify((await jetStream.messages()).map((m) => m.event));
      for (let tries = 0; (await jetStream.count()) < 3 && tries < 500; tries++) await sleep(20);
      expect(await published()).toContain('13700001111'); // in NATS as read before the erasure
      expect((await service.call('POST', '/v1/customers/pgl-1/contacts/ct-1/erasure', { basis: 'data-subject-request' })).status).toBe(201);

      const view = (await service.call('GET', '/v1/customers/pgl-1')).body;
      expect(view.status).toBe('active');
      expect(view.contacts).toMatchObject([
        { contactId: 'ct-1', name: null, phone: null, email: null, erased: { basis: 'data-subject-request' } },
        { contactId: 'ct-2', name: '陈静', phone: '13700002222', erased: null },
      ]);
      const auditor = await service.as('auditor');
      const events = JSON.stringify((await auditor('GET', '/v1/customers/pgl-1/events')).body.events);
      for (const value of ['张伟', '13700001111', 'zhang.wei@example.cn']) expect(events).not.toContain(value);
      expect(events).toContain('陈静');
      // NATS holds the customer's events as they read now, the erasure last: the contact's own fields gone there too.
      const stored = (await auditor('GET', '/v1/customers/pgl-1/events')).body.events.map((e: { eventId: string }) => e.eventId);
      for (let tries = 0; (await jetStream.messages()).at(-1)?.event.eventId !== stored.at(-1) && tries < 500; tries++) await sleep(20);
      expect((await jetStream.messages()).map((m) => m.event.eventId)).toEqual(stored);
      for (const value of ['张伟', '13700001111', 'zhang.wei@example.cn']) expect(await published()).not.toContain(value);
      expect(await published()).toContain('陈静');
      await jetStream.close();
      expect((await auditor('GET', '/v1/customers/pgl-1/verify')).body).toMatchObject({ ok: true, broken: [] });
      const db = service.app.get<SqlClient>(SQL_CLIENT);
      const keys = await db.query(`select replace(stream_id, chr(31), '/') as name, wrapped_key is not null as live from crm_stream_keys order by 1`);
      expect(keys).toEqual([
        { name: 'customer-pgl-1', live: true },
        { name: 'customer-pgl-1/contact:ct-1', live: false },
        { name: 'customer-pgl-1/contact:ct-2', live: true },
      ]);
    } finally {
      await service.close();
    }
  });
});
