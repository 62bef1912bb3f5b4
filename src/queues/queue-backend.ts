import { createPostgresBackend, createRedisBackend, runMigrations, setDefaultBackendFactory } from 'bullmq';
import type { ConnectionOptions } from 'bullmq';
import pg from 'pg';
import type { AppConfig } from '../config/config';
import { QueueName } from './queue.constants';

export type QueueBackendKind = 'redis' | 'postgres';

export function queueBackendKind(config: AppConfig): QueueBackendKind {
  return config.redisUrl ? 'redis' : 'postgres';
}

function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    maxRetriesPerRequest: null,
  };
}

/**
 * Selects BullMQ's backend for this process (the @nestjs/bullmq module has no option for it) and returns
 * the connection options every queue and worker gets. Only this file knows which backend is in use.
 */
export function configureQueueBackend(config: AppConfig): { connection: ConnectionOptions; prefix: string } {
  if (config.redisUrl) {
    setDefaultBackendFactory(createRedisBackend);
    return { connection: redisConnection(config.redisUrl), prefix: config.queuePrefix };
  }
  if (!config.databaseUrl) throw new Error('The queue needs REDIS_URL or a database URL');
  setDefaultBackendFactory(createPostgresBackend);
  // The PostgreSQL backend keeps its tables in its own schema of the same database. One connection stays open
  // however long it idles: a SIGTERM sent to every process (as systemd stops a unit by default) reaches the embedded
  // PostgreSQL too, which then serves the sessions already open but refuses new ones, and the running job must
  // still be marked finished.
  return {
    connection: {
      connectionString: config.databaseUrl,
      max: 10,
      min: 1,
    } as unknown as ConnectionOptions,
    prefix: config.queuePrefix,
  };
}

/**
 * Creates or upgrades BullMQ's PostgreSQL schema; idempotent and safe when several processes start at once. Run as
 * the owner. It also creates each queue's job-id sequence, which BullMQ would otherwise create at the first job
 * without an id of its own: the application role has no CREATE on the schema, so that first job would be refused.
 */
export async function migrateQueueSchema(config: AppConfig): Promise<void> {
  if (config.redisUrl || !config.databaseUrl) return;
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    await runMigrations(client);
    for (const queue of Object.values(QueueName)) {
      const { rows } = await client.query<{ name: string }>('SELECT bullmq.job_id_seq_name($1) AS name', [queue]);
      await client.query(`CREATE SEQUENCE IF NOT EXISTS bullmq.${client.escapeIdentifier(rows[0].name)}`);
    }
  } finally {
    await client.end();
  }
}
