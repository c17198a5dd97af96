import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Keyset position in the audit trail: the exact `at` (microseconds, UTC) and the id. */
export interface AuditKey {
  at: string;
  id: string;
}

export interface AuditFilter {
  recordId?: string;
  actorId?: string;
  action?: string;
  privileged?: 'true' | 'false';
  from?: string;
  to?: string;
  /** at < before (the end of a date `to`) */
  before?: string;
  childId?: string;
  caseId?: string;
}

export interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  actorType: string;
  actorName?: string | null;
  actorRoles?: string[] | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  childIds: string[];
  outcome: string;
  requestId: string | null;
  ip: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  reason: string | null;
  metadata: Record<string, unknown> | null;
}

export interface AccessorRow {
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[] | null;
  accessCount: number;
  deniedCount: number;
  firstAt: string;
  lastAt: string;
  actions: string[];
  deniedActions: string[];
}

/** Actions that are security events when not a success (see securityEvents). */
export const SECURITY_ACTIONS = [
  'auth.login',
  'auth.token',
  'auth.token_rejected',
  'auth.throttled',
  'user.email_clash',
  'security.shared_creator',
] as const;

/** Matches the partial index ix_audit_event_security (migration SharedCreatorAlert). */
export const SECURITY_EVENT_SQL = `(e.action IN (${SECURITY_ACTIONS.map((a) => `'${a}'`).join(', ')}) AND e.outcome <> 'success')`;

const AT_TEXT = (col: string) =>
  `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const EVENT_COLUMNS = `e.id::text AS "id", ${AT_TEXT('e.at')} AS "at", e.actor_id AS "actorId",
  e.actor_type AS "actorType", e.action AS "action", e.record_type AS "recordType",
  e.record_id AS "recordId", e.child_ids AS "childIds", e.outcome AS "outcome",
  e.request_id AS "requestId", host(e.ip) AS "ip", e.changes AS "changes", e.reason AS "reason",
  e.metadata AS "metadata"`;

const ACTOR_JOIN = `LEFT JOIN app_user u ON e.actor_type = 'user' AND u.id = e.actor_id
  LEFT JOIN api_client c ON e.actor_type = 'client' AND c.id = e.actor_id`;

/** Read-only queries over audit_event; every method is scoped to one local authority. */
@Injectable()
export class AuditQueryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private where(la: string, f: AuditFilter, params: unknown[]): string[] {
    params.push(la);
    const clauses = [`e.local_authority_id = $${params.length}`];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (f.recordId) add('e.record_id = ?::uuid', f.recordId);
    if (f.actorId) add('e.actor_id = ?::uuid', f.actorId);
    if (f.action) add('e.action = ?', f.action);
    if (f.privileged === 'true') clauses.push(`(e.metadata->>'privileged') = 'true'`);
    if (f.privileged === 'false')
      clauses.push(`(e.metadata->>'privileged') IS DISTINCT FROM 'true'`);
    if (f.from) add('e.at >= ?::timestamptz', f.from);
    if (f.to) add('e.at <= ?::timestamptz', f.to);
    if (f.before) add('e.at < ?::timestamptz', f.before);
    if (f.caseId) {
      // The case itself, and every sub-record the case's timeline names (each change on a case
      // writes its timeline event with the record it made), and reads that name the case.
      params.push(f.caseId);
      const p = `$${params.length}`;
      clauses.push(`(e.record_id = ${p}::uuid
        OR e.record_id IN (SELECT ce.record_id FROM case_event ce
                            WHERE ce.case_id = ${p}::uuid AND ce.record_id IS NOT NULL)
        OR e.metadata->>'caseId' = ${p}::text)`);
    }
    if (f.childId) add('e.child_ids @> ARRAY[?::uuid]', f.childId);
    return clauses;
  }

  private keyset(after: AuditKey | null, order: 'asc' | 'desc', params: unknown[]): string[] {
    if (!after) return [];
    params.push(after.at, after.id);
    const op = order === 'asc' ? '>' : '<';
    return [`(e.at, e.id) ${op} ($${params.length - 1}::timestamptz, $${params.length}::bigint)`];
  }

  /** A page of events (limit rows; the caller asks for one more to learn if there is a next). */
  async events(
    la: string,
    f: AuditFilter,
    order: 'asc' | 'desc',
    after: AuditKey | null,
    limit: number,
    withActor = false,
  ): Promise<AuditRow[]> {
    const params: unknown[] = [];
    const clauses = [...this.where(la, f, params), ...this.keyset(after, order, params)];
    params.push(limit);
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const actor = withActor
      ? `, coalesce(u.name, c.name) AS "actorName", u.roles AS "actorRoles"`
      : '';
    if (f.childId) {
      // A child's events are few among millions: find them all through the GIN index on
      // child_ids first (MATERIALIZED keeps the planner from walking the (LA, at) index of every
      // monthly partition backwards, filtering row by row, to honour ORDER BY … LIMIT), then
      // sort that handful. The cost follows the child's own trail, not the table's size.
      return this.childTrailQuery(
        `WITH hits AS MATERIALIZED (
           SELECT e.* FROM audit_event e WHERE ${clauses.join(' AND ')})
         SELECT ${EVENT_COLUMNS}${actor}
           FROM hits e ${withActor ? ACTOR_JOIN : ''}
          ORDER BY e.at ${dir}, e.id ${dir}
          LIMIT $${params.length}`,
        params,
      );
    }
    return this.ds.query(
      `SELECT ${EVENT_COLUMNS}${actor}
         FROM audit_event e ${withActor ? ACTOR_JOIN : ''}
        WHERE ${clauses.join(' AND ')}
        ORDER BY e.at ${dir}, e.id ${dir}
        LIMIT $${params.length}`,
      params,
    );
  }

  /** Platform-wide security events (refused tokens, throttled and failed sign-ins), any LA or
   * none: what a platform admin watches. Newest first. */
  async securityEvents(
    f: Pick<AuditFilter, 'action' | 'from' | 'to'>,
    after: AuditKey | null,
    limit: number,
  ): Promise<(AuditRow & { localAuthorityId: string | null })[]> {
    const params: unknown[] = [];
    // The constant predicate of the partial index ix_audit_event_security (written out, not
    // bound, so the planner can match it).
    const clauses = [SECURITY_EVENT_SQL];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (f.action) add('e.action = ?', f.action);
    if (f.from) add('e.at >= ?::timestamptz', f.from);
    if (f.to) add('e.at <= ?::timestamptz', f.to);
    clauses.push(...this.keyset(after, 'desc', params));
    params.push(limit);
    return this.ds.query(
      `SELECT ${EVENT_COLUMNS}, e.local_authority_id AS "localAuthorityId"
         FROM audit_event e
        WHERE ${clauses.join(' AND ')}
        ORDER BY e.at DESC, e.id DESC
        LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * A query over a child's trail, planned as the few hundred rows it reads. Postgres cannot
   * estimate `child_ids @> ARRAY[$child]` (a uuid is in no statistics): it assumes 0.5% of each
   * partition, so at tens of millions of rows the plan's cost passes the JIT threshold (~30 ms
   * of LLVM compilation per query, for ~10 ms of work) and the parallel threshold (worker
   * start-up). Measured: the access report ran 8.7 times slower at 20,000,000 audit rows than
   * at 100,000 for the same trail; the accessors query took 58 ms with JIT, 12 ms without
   * (docs/bench.md, Scale). JIT is off on every Tandem connection (`data-source-options.ts`);
   * parallel workers are switched off for this transaction only.
   */
  private childTrailQuery<T>(sql: string, params: unknown[]): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('max_parallel_workers_per_gather', '0', true)`);
      return m.query(sql, params) as Promise<T>;
    });
  }

  /** Who touched a child's records in the window: one row per actor, latest first. */
  async accessors(la: string, f: AuditFilter): Promise<AccessorRow[]> {
    const params: unknown[] = [];
    const clauses = this.where(la, f, params);
    return this.childTrailQuery(
      `SELECT e.actor_type AS "actorType", e.actor_id AS "actorId",
              coalesce(u.name, c.name) AS "actorName", u.roles AS "actorRoles",
              (count(*) FILTER (WHERE e.outcome <> 'denied'))::int AS "accessCount",
              (count(*) FILTER (WHERE e.outcome = 'denied'))::int AS "deniedCount",
              ${AT_TEXT('min(e.at)')} AS "firstAt", ${AT_TEXT('max(e.at)')} AS "lastAt",
              COALESCE(array_agg(DISTINCT e.action ORDER BY e.action)
                         FILTER (WHERE e.outcome <> 'denied'), '{}') AS "actions",
              COALESCE(array_agg(DISTINCT e.action ORDER BY e.action)
                         FILTER (WHERE e.outcome = 'denied'), '{}') AS "deniedActions"
         FROM audit_event e ${ACTOR_JOIN}
        WHERE ${clauses.join(' AND ')}
        GROUP BY e.actor_type, e.actor_id, u.name, c.name, u.roles
        ORDER BY max(e.at) DESC, e.actor_id`,
      params,
    );
  }

  /** Is this person (a family member or network member) a record of this local authority? */
  async personInLa(la: string, personId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM person WHERE id = $1 AND local_authority_id = $2`,
      [personId, la],
    );
    return rows.length > 0;
  }
}
