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

/** The audit_event columns every writer fills, and their SQL casts (one list for all writers). */
export const COLUMNS = [
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
export const CASTS = [
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

/** An entry as the row it becomes: the request's context (id, IP, actor) filled in now. */
export function toRow(e: AuditEntry) {
  const ctx = currentContext();
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
}

/** A row's values in `COLUMNS` order, as the insert binds them (JSON columns as text). */
export function rowValues(r: ReturnType<typeof toRow>): unknown[] {
  return [
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
  ];
}

/**
 * An audit row written BY another statement (a read and its audit row in one statement, so
 * they commit together: `CaseFactsRepository.loadAudited`): `INSERT INTO audit_event ...
 * SELECT ... FROM <from>`, the entry's values as parameters pushed onto `params`, and the
 * columns named in `fromSql` (record id, child ids, reason) as SQL over the source row.
 */
export function auditInsertFromSql(
  entry: AuditEntry,
  params: unknown[],
  fromSql: { from: string; recordId: string; childIds: string; reason?: string },
): string {
  const values = rowValues(toRow(entry));
  const exprs = values.map((v, i) => {
    if (COLUMNS[i] === 'record_id') return fromSql.recordId;
    if (COLUMNS[i] === 'child_ids') return fromSql.childIds;
    if (COLUMNS[i] === 'reason' && fromSql.reason) return fromSql.reason;
    params.push(v);
    return `$${params.length}::${CASTS[i]}`;
  });
  return `INSERT INTO audit_event (${COLUMNS.join(', ')}) SELECT ${exprs.join(', ')} FROM ${fromSql.from}`;
}
