import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { currentContext } from 'src/common/request-context';

export interface AuditEntry {
  action: string;
  recordType?: string;
  recordId?: string | null;
  childIds?: string[];
  outcome?: 'success' | 'denied' | 'failure';
  reason?: string | null;
  changes?: Record<string, { before: unknown; after: unknown }> | null;
  metadata?: Record<string, unknown> | null;
  /** Defaults to the request's actor. */
  actor?: Actor | null;
  localAuthorityId?: string | null;
}

const SECRET_FIELDS = new Set(['password', 'passwordHash', 'secret', 'secretHash', 'clientSecret']);

/** Field-level before/after of the fields that changed; secrets are never recorded. */
export function diffFields<T extends object>(
  before: Partial<T>,
  after: Partial<T>,
  fields: (keyof T)[],
) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const f of fields) {
    const key = String(f);
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = SECRET_FIELDS.has(key)
      ? { before: '[redacted]', after: '[redacted]' }
      : { before: b, after: a };
  }
  return changes;
}

/**
 * The one audit writer. Pass the transaction's EntityManager so a change and its audit row
 * commit together; reads and denials are written on their own.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  async recordMany(entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    if (entries.length > 1000) {
      // Stay far below Postgres's 65,535 bind parameters per statement.
      for (let i = 0; i < entries.length; i += 1000)
        await this.recordMany(entries.slice(i, i + 1000), manager);
      return;
    }
    const ctx = currentContext();
    const rows = entries.map((e) => {
      const actor = e.actor === undefined ? ctx?.actor : e.actor;
      return {
        localAuthorityId:
          e.localAuthorityId !== undefined ? e.localAuthorityId : (actor?.localAuthorityId ?? null),
        actorType: actor ? actor.kind : 'anonymous',
        actorId: actor?.id ?? null,
        action: e.action,
        recordType: e.recordType ?? null,
        recordId: e.recordId ?? null,
        childIds: e.childIds ?? [],
        outcome: e.outcome ?? 'success',
        requestId: ctx?.requestId ?? null,
        ip: ctx?.ip ?? null,
        reason: e.reason ?? null,
        changes: e.changes && Object.keys(e.changes).length ? e.changes : null,
        metadata: e.metadata ?? null,
      };
    });
    // One parameterised multi-row INSERT (cheaper than TypeORM's insert builder on hot paths).
    const columns = [
      'local_authority_id',
      'actor_type',
      'actor_id',
      'action',
      'record_type',
      'record_id',
      'child_ids',
      'outcome',
      'request_id',
      'ip',
      'reason',
      'changes',
      'metadata',
    ];
    const casts = [
      'uuid',
      'text',
      'uuid',
      'text',
      'text',
      'uuid',
      'uuid[]',
      'text',
      'text',
      'inet',
      'text',
      'jsonb',
      'jsonb',
    ];
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      params.push(
        r.localAuthorityId,
        r.actorType,
        r.actorId,
        r.action,
        r.recordType,
        r.recordId,
        r.childIds,
        r.outcome,
        r.requestId,
        r.ip,
        r.reason,
        r.changes === null ? null : JSON.stringify(r.changes),
        r.metadata === null ? null : JSON.stringify(r.metadata),
      );
      const base = params.length - columns.length;
      return `(${casts.map((c, i) => `$${base + i + 1}::${c}`).join(', ')})`;
    });
    await (manager ?? this.ds.manager).query(
      `INSERT INTO audit_event (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }

  /**
   * A refusal (see `denialEntry` in src/access/denial-audit.interceptor.ts): recorded, but never
   * allowed to turn a 403/404 into a 500.
   */
  async recordDenial(entry: AuditEntry): Promise<void> {
    try {
      await this.record(entry);
    } catch (err) {
      this.logger.error(`could not audit a denial: ${(err as Error).message}`);
    }
  }
}
