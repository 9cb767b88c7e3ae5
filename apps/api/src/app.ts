import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ApiKeyStore } from './auth/api-key-store';
import type { AppConfig } from './config/config';
import { parseJsonBody } from './http/json-body';
import { withValidationRules } from './http/openapi-constraints';
import { securityHeaders, transportOptions } from './http/transport';

/** Bodies over this size are refused with 413 before they are parsed. */
const maxBodyBytes = 1024 * 1024;

/** What a started service made that its starter must show: the admin key made on the first start of an embedded database. */
export interface StartNotices {
  firstAdminKey?: string;
}

export async function createApp(
  config: AppConfig,
  logger: LogLevel[] = ['error', 'warn', 'log'],
  notices: StartNotices = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: maxBodyBytes, ...transportOptions() });
  acceptJsonBodiesOnly(adapter);
  adapter.getInstance().addHook('onSend', securityHeaders);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger, bodyParser: false });
  app.enableShutdownHooks();
  serveOpenApi(app);
  await app.init();
  notices.firstAdminKey = await seedAdminKey(app, config);
  return app;
}

/**
 * Bodies are JSON, parsed by our own rules (parseJsonBody): any other media
 * type, form-encoded included, is answered 415 instead of reaching validation.
 */
function acceptJsonBodiesOnly(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function serveOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CRM event engine')
      .setDescription('Every fact about a customer, as immutable events. Errors are application/problem+json.')
      .setVersion('1')
      // Not addBearerAuth(): it says the bearer is a JWT, and ours are opaque API keys.
      .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'An API key issued by POST /v1/api-keys' })
      .build(),
  );
  SwaggerModule.setup('docs', app, withValidationRules(app, document), { jsonDocumentUrl: 'docs-json' });
}

/** CRM_ADMIN_KEY registers an admin key; an empty embedded database makes one, answered to be shown once. */
async function seedAdminKey(app: NestFastifyApplication, config: AppConfig): Promise<string | undefined> {
  const keys = app.get(ApiKeyStore);
  if (config.adminKey) {
    await keys.ensure(config.adminKey, 'admin', 'admin');
    return undefined;
  }
  if ((await keys.count()) > 0) return undefined;
  if (config.databaseUrl) {
    new Logger('ApiKeys').warn('No API key exists yet: set CRM_ADMIN_KEY to register an admin key.');
    return undefined;
  }
  return (await keys.issue('admin', 'admin')).key;
}
