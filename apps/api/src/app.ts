import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';

/** Bodies over this size are refused with 413 before they are parsed. */
export const maxBodyBytes = 1024 * 1024;

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: maxBodyBytes }),
    { logger: ['error', 'warn', 'log'] },
  );
  app.enableShutdownHooks();
  return app;
}
