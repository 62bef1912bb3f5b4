import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { resolve } from 'node:path';
import { createHttpApp, createWorkerContext } from './app.factory';
import { PROJECT_ROOT } from './common/paths';
import { AppConfig, ConfigError, loadConfig, runsHttp } from './config/config';
import { runMigrations } from './database/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrateQueueSchema } from './queues/queue-backend';
import { seedDemo } from './demo/demo.seed';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    const dataDir = resolve(PROJECT_ROOT, config.dataDir);
    console.log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${dataDir}/postgres`);
    try {
      embedded = await startEmbeddedPostgres(dataDir);
    } catch (e) {
      console.error(`Projet K could not start the embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
    config = { ...config, databaseUrl: embedded.url, seedDemo: config.seedDemo ?? true };
  }
  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch(() => undefined);
    embedded = undefined;
  };

  let app: INestApplicationContext | undefined;
  try {
    // The all-in-one process migrates at start; split deployments run `npm run migration:run` first.
    if (config.processRole === 'all' || embedded) {
      const ran = await runMigrations(config.databaseUrl!);
      if (ran.length > 0) console.log(`Migrations applied: ${ran.join(', ')}`);
      await migrateQueueSchema(config);
    }
    if (runsHttp(config)) {
      const http = await createHttpApp(config);
      app = http;
      if (config.seedDemo) {
        const accounts = await seedDemo(http);
        if (accounts) {
          console.log('Demo accounts (embedded database, first start):');
          for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(34)} ${a.password}`);
        }
      }
      await http.listen({ port: config.port, host: config.host });
      const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
      console.log(`Projet K is ready on http://${shown}:${config.port} (role ${config.processRole}, queue ${config.redisUrl ? 'Redis' : 'PostgreSQL'})`);
    } else {
      app = await createWorkerContext(config);
      await app.init();
      console.log(`Projet K worker started (queue ${config.redisUrl ? 'Redis' : 'PostgreSQL'})`);
    }
  } catch (e) {
    console.error(`Projet K could not start: ${e instanceof Error ? e.message : String(e)}`);
    await app?.close().catch(() => undefined);
    await stopEmbedded();
    process.exit(1);
  }

  // Nest's shutdown hooks close HTTP and let running jobs finish; the embedded database stops last.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping`);
    await app?.close();
    await stopEmbedded();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

void bootstrap();
