import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** The Postgres channel the app_user / api_client triggers notify ("user:<id>", "client:<id>"). */
export const PRINCIPAL_CHANNEL = 'tandem_principal';
/** A cached account row is re-read at least this often whatever happens (a backstop). */
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 50_000;

/**
 * The accounts behind tokens, cached across requests (one round trip less per request) and
 * invalidated through Postgres LISTEN/NOTIFY: a trigger on app_user and api_client notifies
 * `tandem_principal` on every change, on commit, to every instance. The cache is used only while
 * the listening connection is up: when it drops, the cache is emptied and bypassed until it is
 * back (every request reads the account again), so a missed notification can never keep a
 * disabled account alive. The writer's own instance also forgets the account as soon as its
 * transaction commits (`forget`), before it answers, so a disable is refused at once there;
 * other instances follow within the notification's delivery (milliseconds).
 */
@Injectable()
export class PrincipalCache implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('PrincipalCache');
  private readonly rows = new Map<string, { row: unknown; at: number }>();
  /** Bumped by every invalidation: a load begun before it does not store its (stale) row. */
  private epoch = 0;
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  /** Before any module's shutdown: the embedded database stops in one (EmbeddedDatabaseShutdown),
   * and the listening connection must not see that as a lost connection (no warning, no retry). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  /** The cached row of `key` ("user:<id>"), else `load()`'s, cached when the cache is live. */
  async get<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    if (this.listening) {
      const hit = this.rows.get(key);
      if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.row as T;
    }
    const epoch = this.epoch;
    const row = await load();
    if (row && this.listening && epoch === this.epoch) {
      if (this.rows.size >= MAX_ENTRIES) this.rows.clear();
      this.rows.set(key, { row, at: Date.now() });
    }
    return row;
  }

  /** Drop one account (after this instance changed it; other instances hear the NOTIFY). */
  forget(key: string): void {
    this.epoch++;
    this.rows.delete(key);
  }

  private clear(): void {
    this.epoch++;
    this.rows.clear();
  }

  private async listen(): Promise<void> {
    const options = this.ds.options as PostgresConnectionOptions;
    const client = new Client({ connectionString: options.url });
    client.on('notification', (n) => {
      if (n.channel === PRINCIPAL_CHANNEL && n.payload) this.forget(n.payload);
    });
    const lost = (why: string) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = null;
      this.clear();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`principal cache off (${why}); reconnecting`);
      this.retry = setTimeout(() => void this.listen(), 1000);
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      this.clear(); // anything cached before this point may have missed a notification
      this.listening = true;
    } catch (err) {
      lost((err as Error).message);
    }
  }
}
