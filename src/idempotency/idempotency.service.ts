import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from 'src/config/config';

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type BeginOutcome =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' };

const PURGE_EVERY_MS = 60 * 60 * 1000;

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** sha256 of what makes two POSTs "the same request": method, path (with query) and body. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

/**
 * The idempotency_key table: claim a key (in flight), finish it with the response to replay,
 * or give it up after a server error. Expired keys (IDEMPOTENCY_RETENTION_HOURS) are purged
 * lazily when the same key comes back and hourly in bulk.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.purgeExpired().catch((err: Error) => this.logger.warn(`purge failed: ${err.message}`));
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get retentionHours(): number {
    return this.config.IDEMPOTENCY_RETENTION_HOURS;
  }

  /** Claims (callerId, key) for this request, or says why it cannot be run again. */
  async begin(
    callerId: string,
    localAuthorityId: string | null,
    key: string,
    hash: string,
  ): Promise<BeginOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.ds.query(
        `DELETE FROM idempotency_key
          WHERE caller_id = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)`,
        [callerId, key, this.retentionHours],
      );
      const inserted: unknown[] = await this.ds.query(
        `INSERT INTO idempotency_key (caller_id, key, local_authority_id, request_hash, status)
         VALUES ($1, $2, $3, $4, 'in_flight')
         ON CONFLICT (caller_id, key) DO NOTHING RETURNING caller_id`,
        [callerId, key, localAuthorityId, hash],
      );
      if (inserted.length) return { kind: 'new' };
      const rows: {
        request_hash: string;
        status: 'in_flight' | 'done';
        response_status: number | null;
        response_body: unknown;
        response_headers: Record<string, string> | null;
      }[] = await this.ds.query(
        `SELECT request_hash, status, response_status, response_body, response_headers
           FROM idempotency_key WHERE caller_id = $1 AND key = $2`,
        [callerId, key],
      );
      const row = rows[0];
      if (!row) continue; // released by a failed first attempt in between: claim it again
      if (row.request_hash !== hash) return { kind: 'mismatch' };
      if (row.status === 'in_flight') return { kind: 'in_flight' };
      return {
        kind: 'replay',
        response: {
          status: row.response_status as number,
          body: row.response_body,
          headers: row.response_headers ?? {},
        },
      };
    }
    return { kind: 'in_flight' };
  }

  async complete(callerId: string, key: string, response: StoredResponse): Promise<void> {
    await this.ds.query(
      `UPDATE idempotency_key
          SET status = 'done', response_status = $3, response_body = $4::json, response_headers = $5::jsonb
        WHERE caller_id = $1 AND key = $2 AND status = 'in_flight'`,
      [
        callerId,
        key,
        response.status,
        JSON.stringify(response.body ?? null),
        JSON.stringify(response.headers),
      ],
    );
  }

  /** After a 5xx nothing is remembered, so a retry with the same key runs again. */
  async release(callerId: string, key: string): Promise<void> {
    await this.ds.query(
      `DELETE FROM idempotency_key WHERE caller_id = $1 AND key = $2 AND status = 'in_flight'`,
      [callerId, key],
    );
  }

  /** Deletes every key older than the retention; returns how many. */
  async purgeExpired(): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(
      `DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1)`,
      [this.retentionHours],
    );
    return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
  }
}
