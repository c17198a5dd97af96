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

type AuditRow = ReturnType<typeof toRow>;

/** One row: a plain `INSERT … VALUES`. */
export function insertOneSql(r: AuditRow): { text: string; params: unknown[] } {
  const casts = CASTS.map((c, i) => `$${i + 1}::${c}`);
  return {
    text: `INSERT INTO audit_event (${COLUMNS.join(', ')}) VALUES (${casts.join(', ')})`,
    params: rowValues(r),
  };
}

const CHILD_IDS = COLUMNS.indexOf('child_ids');

/** A uuid[] as the text of an array literal (each element quoted, so nothing in it can split). */
function arrayLiteral(ids: string[]): string {
  return `{${ids.map((id) => `"${id.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Several rows in one `INSERT … SELECT … FROM unnest(…)`: one array per column, so 13
 * parameters however many rows (a caseload page's 50 rows were 650 parameters, each bound and
 * the VALUES list planned row by row). `child_ids` travels as each row's array literal (an array
 * of arrays must be rectangular) and is cast back per row.
 */
export function insertManySql(rows: AuditRow[]): { text: string; params: unknown[] } {
  const values = rows.map(rowValues);
  const params = COLUMNS.map((_, i) =>
    values.map((v) => (i === CHILD_IDS ? arrayLiteral(v[i] as string[]) : v[i])),
  );
  const arrays = CASTS.map((c, i) => `$${i + 1}::${i === CHILD_IDS ? 'text' : c}[]`);
  const picks = COLUMNS.map((_, i) => (i === CHILD_IDS ? `u.c${i}::uuid[]` : `u.c${i}`));
  const names = COLUMNS.map((_, i) => `c${i}`);
  return {
    text: `INSERT INTO audit_event (${COLUMNS.join(', ')}) SELECT ${picks.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})`,
    params,
  };
}
