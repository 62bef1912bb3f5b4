import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi } from './app.factory';
import { AppModule } from './app.module';
import { PROJECT_ROOT } from './common/paths';
import { loadConfig } from './config/config';

/**
 * Writes openapi.json without any database or queue: Nest's preview mode builds the module graph and
 * routes but instantiates nothing. The client generates its API types from this file.
 */
export async function generateOpenApi(): Promise<OpenAPIObject> {
  const config = {
    ...loadConfig({}),
    databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
    processRole: 'api' as const,
  };
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  try {
    return buildOpenApi(app);
  } finally {
    await app.close();
  }
}

export async function writeOpenApi(path = resolve(PROJECT_ROOT, 'openapi.json')): Promise<void> {
  const document = await generateOpenApi();
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

if (require.main === module) {
  writeOpenApi().then(
    () => console.log('openapi.json written'),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
