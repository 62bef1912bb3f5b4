import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** Notified by the triggers of migration ProgrammeChangedNotify on every write to a table the totals read. */
export const PROGRAMME_CHANGED = 'programme_changed';
/** Beyond this, the round trip that proves the listener up to date counts as a lost connection. */
const SYNC_TIMEOUT_MS = 5_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * One value computed under a revision of the data and a key (today's date): served only to a caller that holds
 * the same revision and key. A computation is stored under the revision captured before it started, so one that
 * overlapped a write is never served once that write's notification has moved the revision on. Concurrent
 * callers with the same revision share one computation; a failed one is forgotten.
 */
export class RevisionSlot<T> {
  private entry?: { revision: number; key: string; value: Promise<T> };

  get(revision: number, key: string, compute: () => Promise<T>): Promise<T> {
    const held = this.entry;
    if (held && held.revision === revision && held.key === key) return held.value;
    const value = compute();
    // A caller that captured its revision before the held entry's never replaces it with an older one.
    if (held && held.revision > revision) return value;
    const entry = { revision, key, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}

/**
 * The programme-wide figures of the lead's home, cached until a write can have changed them, in every process.
 * One dedicated connection LISTENs on `programme_changed`; each notification, each (re)connection and each error
 * of that connection moves the local revision on, and while it is not connected the cache is bypassed.
 *
 * Read-your-writes across processes: before a lookup, one `SELECT 1` goes over the listening connection.
 * PostgreSQL signals the listening backends when a notifying transaction commits, before that transaction's
 * client has its answer; a backend waiting for its client's next command forwards every pending notification
 * before reading that command (async.c, ProcessNotifyInterrupt from ProcessClientReadInterrupt in secure_read).
 * So once `SELECT 1` returns, every write already answered to anyone has moved the revision on.
 * test/home/totals-cache.test.ts checks it with writes from another connection.
 *
 * The connection opens at the first lookup (a worker process never opens it) and closes with the application.
 */
@Injectable()
export class ProgrammeTotalsCache implements OnModuleDestroy {
  private readonly logger = new Logger(ProgrammeTotalsCache.name);
  private readonly slot = new RevisionSlot<unknown>();
  private revision = 0;
  private client?: pg.Client;
  private connected = false;
  private started = false;
  private closing = false;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether lookups are served from the cache (the listening connection is up). */
  get listening(): boolean {
    return this.connected;
  }

  /** The cached value for today if no write can have changed it since it was computed, else `compute()`'s. */
  async read<T>(today: string, compute: () => Promise<T>): Promise<T> {
    if (!this.started) {
      this.started = true;
      void this.connect();
    }
    const revision = await this.synced();
    if (revision === null) return compute();
    return (this.slot as RevisionSlot<T>).get(revision, today, compute);
  }

  /** The revision once every notification committed so far has arrived, or null when the cache cannot be trusted. */
  private async synced(): Promise<number | null> {
    const client = this.client;
    if (!client || !this.connected) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.query('SELECT 1'),
        new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error('no answer from the listening connection')), SYNC_TIMEOUT_MS);
        }),
      ]);
    } catch (e) {
      this.lost(client, e);
      return null;
    } finally {
      clearTimeout(timer);
    }
    // The connection may have failed meanwhile: its error moved the revision on and turned the cache off.
    return this.connected && this.client === client ? this.revision : null;
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closing) return;
    // The application's own connection settings (the embedded server's URL included): same role, same server.
    const { url, extra } = this.db.options as { url?: string; extra?: Record<string, unknown> };
    const { max: _max, ...settings } = extra ?? {};
    const client = new pg.Client({
      ...settings,
      connectionString: url,
      application_name: 'projet-k:programme-totals',
      keepAlive: true,
    });
    client.on('notification', (n) => {
      if (n.channel === PROGRAMME_CHANGED) this.revision++;
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PROGRAMME_CHANGED}`);
    } catch (e) {
      this.lost(client, e);
      return;
    }
    if (this.closing || this.client !== client) return void client.end().catch(() => undefined);
    // Writes committed while nobody listened are not notified: nothing computed before now is served.
    this.revision++;
    this.connected = true;
    this.retryMs = RECONNECT_MIN_MS;
  }

  /** The listening connection failed or ended: stop serving from the cache and connect again. */
  private lost(client: pg.Client, error?: unknown): void {
    this.revision++;
    if (this.client !== client) return;
    this.client = undefined;
    this.connected = false;
    void client.end().catch(() => undefined);
    if (this.closing) return;
    this.logger.warn(
      `Programme totals cache off until the listening connection is back${error instanceof Error ? `: ${error.message}` : ''}`,
    );
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    this.revision++;
    await client?.end().catch(() => undefined);
  }
}
