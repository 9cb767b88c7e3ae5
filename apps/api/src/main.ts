import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { storageKind } from './database/database.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  Logger.log(`CRM engine listening on ${await app.getUrl()}, events on ${where} [${storageKind(config)}]`, 'Main');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
