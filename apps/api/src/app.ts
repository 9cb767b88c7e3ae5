import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ApiKeyStore } from './auth/api-key-store';
import type { AppConfig } from './config/config';

/** Bodies over this size are refused with 413 before they are parsed. */
const maxBodyBytes = 1024 * 1024;

export async function createApp(
  config: AppConfig,
  logger: LogLevel[] = ['error', 'warn', 'log'],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: maxBodyBytes });
  // Bodies are JSON: anything else is answered 415 instead of reaching validation as a string.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger });
  app.enableShutdownHooks();
  serveOpenApi(app);
  await app.init();
  await seedAdminKey(app, config);
  return app;
}

function serveOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CRM event engine')
      .setDescription('Every fact about a customer, as immutable events. Errors are application/problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** CRM_ADMIN_KEY registers an admin key; an empty embedded database makes one and prints it once. */
async function seedAdminKey(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const keys = app.get(ApiKeyStore);
  if (config.adminKey) return keys.ensure(config.adminKey, 'admin', 'admin');
  if ((await keys.count()) > 0) return;
  const logger = new Logger('ApiKeys');
  if (config.databaseUrl) {
    logger.warn('No API key exists yet: set CRM_ADMIN_KEY to register an admin key.');
    return;
  }
  const issued = await keys.issue('admin', 'admin');
  logger.log(`First start: an admin API key was made. It is shown this once:\n\n    ${issued.key}\n`);
}
