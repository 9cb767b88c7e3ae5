import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { storageKind } from '@crm/application';
import { createApp, type StartNotices } from './app';
import { loadConfig } from './config/config';

/** Every interface, as the service is meant to be reached from other machines. */
const host = '0.0.0.0';

async function main(): Promise<void> {
  const config = loadConfig();
  const notices: StartNotices = {};
  const app = await createApp(config, undefined, notices);
  await app.listen(config.port, host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  Logger.log(`CRM engine bound to ${host}:${port} (all interfaces): http://localhost:${port}/docs; events on ${where} [${storageKind(config)}]`, 'Main');
  // Last, after the route log, framed: it is shown this once and nowhere else.
  if (notices.firstAdminKey) {
    const line = '='.repeat(72);
    process.stdout.write(
      `\n${line}\n  First start: an admin API key was made. It is shown this once; keep it:\n\n    ${notices.firstAdminKey}\n\n` +
        `  Use it as "Authorization: Bearer <key>"; POST /v1/api-keys issues keys of other roles.\n${line}\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
