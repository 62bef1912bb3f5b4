import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import { createHttpApp, createWorkerContext } from './app.factory';
import { PROJECT_ROOT } from './common/paths';
import { AppConfig, ConfigError, loadConfig, runsHttp, runsWorkers } from './config/config';
import { asApplicationRole } from './database/db-roles';
import { prepareDatabase } from './database/prepare-database';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { seedDemo } from './demo/demo.seed';
import { WorkerDrain } from './queues/worker-drain.service';

/**
 * The one owner of the process's life: it starts the parts in order and, on SIGTERM or SIGINT, stops them in
 * the reverse order — HTTP stops accepting (requests under way finish), running jobs get the grace period,
 * then the application closes its queues and pool, and the embedded PostgreSQL stops last. A second signal
 * stops at once.
 */
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
  let app: INestApplicationContext | undefined;
  let http: NestFastifyApplication | undefined;
  let stopping = false;

  const stopEmbedded = async () => {
    const db = embedded;
    embedded = undefined;
    if (db) await db.stop().catch(() => undefined);
  };

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} received again: stopping now`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    const graceSeconds = Math.round(config.shutdownGraceMs / 1000);
    console.log(
      `${signal} received: stopping${app && runsWorkers(config) ? ` (running jobs get up to ${graceSeconds} s)` : ''}`,
    );
    try {
      if (http) await http.getHttpAdapter().close();
      if (app && runsWorkers(config)) await app.get(WorkerDrain).drain(config.shutdownGraceMs);
      await app?.close();
    } catch (e) {
      console.error(`Projet K did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`);
      await stopEmbedded();
      process.exit(1);
    }
    await stopEmbedded();
    console.log('Projet K stopped');
    process.exit(0);
  };
  // Installed before anything starts, so a signal during start-up also stops what has started.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let demoAccounts: Awaited<ReturnType<typeof seedDemo>> = null;
  try {
    if (!config.databaseUrl) {
      const dataDir = resolve(PROJECT_ROOT, config.dataDir);
      console.log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${dataDir}/postgres`);
      try {
        embedded = await startEmbeddedPostgres(dataDir);
      } catch (e) {
        console.error(
          `Projet K could not start the embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`,
        );
        process.exit(1);
      }
      config = { ...config, databaseUrl: embedded.url, seedDemo: config.seedDemo ?? true };
    }
    // The all-in-one process migrates at start (as the owner); split deployments run `npm run cli -- migrate` first.
    if (config.processRole === 'all' || embedded) {
      const ran = await prepareDatabase(config);
      if (ran.length > 0) console.log(`Migrations applied: ${ran.join(', ')}`);
    }
    // From here on the process connects as the application role, which cannot change the schema.
    config = asApplicationRole(config);
    if (runsHttp(config)) {
      http = await createHttpApp(config);
      app = http;
      await http.init(); // the framework's start-up lines come out here, before ours
      if (config.seedDemo) {
        console.log('Demo data: created at the first start, kept afterwards…');
        demoAccounts = await seedDemo(http);
      }
      await http.listen({ port: config.port, host: config.host });
    } else {
      app = await createWorkerContext(config);
      await app.init();
    }
  } catch (e) {
    if (stopping) return;
    console.error(`Projet K could not start: ${e instanceof Error ? e.message : String(e)}`);
    await app?.close().catch(() => undefined);
    await stopEmbedded();
    process.exit(1);
  }

  // What a person needs comes last, after the framework's start-up lines.
  const queue = config.redisUrl ? 'Redis' : 'PostgreSQL';
  if (demoAccounts) {
    console.log('Demo accounts (embedded database, first start):');
    for (const a of demoAccounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(34)} ${a.password}`);
  }
  if (http) {
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    console.log(`Projet K is ready on http://${shown}:${config.port} (role ${config.processRole}, queue ${queue})`);
  } else {
    console.log(`Projet K worker started (queue ${queue})`);
  }
}

void bootstrap();
