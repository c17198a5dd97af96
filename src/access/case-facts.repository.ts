import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Stage } from 'src/case-history/case-types';
import { preparedQuery } from 'src/database/prepared-query';
import type { Actor } from './actor';
import { CASE_FACT_SQL, SqlRefs } from './predicates';
import type { InCaseKind } from 'src/common/record-kind';
import { familyClosedSql } from './verdict-scopes';

/** What a service knows about a case it was let into (one type for every feature). */
export interface CaseContext {
  id: string;
  localAuthorityId: string;
  familyId: string;
  teamId: string;
  leadPractitionerId: string;
  stage: Stage;
  restricted: boolean;
  version: number;
  childIds: string[];
  referralDate: string;
  assessmentCompletedAt: string | null;
  /** The caller's relation to the case, as the verdict saw it: for choosing the capacity a
   * caller acts in (e.g. agreeing a plan as manager or as ECPP), never for access. */
  relation: { lead: boolean; coWorker: boolean; teamMember: boolean };
}

/** A case row with the caller's facts (and, when asked, one record's). */
export interface CaseFactsRow extends Omit<CaseContext, 'relation'> {
  lead: boolean;
  coWorker: boolean;
  teamMember: boolean;
  coWorked: boolean;
  macptOpen: boolean;
  /** With a record: its id when it exists in this case, else null. */
  recordId?: string | null;
  author?: boolean | null;
  shared?: boolean | null;
  ownAgency?: boolean | null;
}

export type LockMode = 'update' | 'share';

export interface FamilyFactsRow {
  id: string;
  localAuthorityId: string;
  name: string | null;
  version: number;
  childIds: string[];
  closedToCaller: boolean;
}

export interface AuditedReadStatement {
  text: string;
  params: unknown[];
}

/**
 * The read path's ONE statement (pure: the bench's same-work limit runs this very text): one
 * case's facts, `columns` of the case for the response, and — when `allowedSql` (the SQL form
 * of the verdict, `caseFilterSql`) holds — the audit row of the read, inserted by the same
 * statement so it commits with it (`audit` renders the INSERT ... SELECT from the facts row
 * `f`; see `auditInsertFromSql`). `audited` in the row says whether the audit row was written.
 */
export function auditedReadStatement(
  la: string,
  caller: Pick<Actor, 'id' | 'kind'>,
  caseId: string,
  columns: string,
  allowedSql: (params: unknown[]) => string,
  audit: (params: unknown[]) => string,
): AuditedReadStatement {
  const params: unknown[] = [la, caseId, caller.id];
  const facts = factsSql(params, caller, `, ${columns}, ${allowedSql(params)} AS "allowed"`, {
    single: true,
  });
  const insert = audit(params);
  return {
    text: `WITH f AS (${facts}), a AS (${insert} RETURNING 1)
       SELECT f.*, EXISTS (SELECT 1 FROM a) AS audited FROM f`,
    params,
  };
}

/**
 * THE facts query of the access gate: cases of one local authority by id (one or many), the
 * caller's relation to each (`CASE_FACT_SQL`), and optionally one record inside the case
 * (its kind's declared `facts`). `lock` takes the case rows FOR UPDATE / FOR SHARE for the rest of the
 * transaction of `m`.
 */
@Injectable()
export class CaseFactsRepository {
  async load(
    m: EntityManager,
    la: string,
    caller: Pick<Actor, 'id' | 'kind'>,
    caseIds: readonly string[],
    opts: { lock?: LockMode; record?: { kind: InCaseKind; id: string } } = {},
  ): Promise<CaseFactsRow[]> {
    const params: unknown[] = [la, caseIds, caller.id];
    return m.query(factsSql(params, caller, '', opts), params);
  }

  /**
   * Runs the read path's one statement (`auditedReadStatement`) as a prepared statement. The
   * caller still judges the row with the TS verdict.
   */
  async loadAudited<T>(
    m: EntityManager,
    statement: AuditedReadStatement,
  ): Promise<(CaseFactsRow & T & { audited: boolean }) | null> {
    const rows = await preparedQuery<CaseFactsRow & T & { audited: boolean }>(
      m,
      statement.text,
      statement.params,
    );
    return rows[0] ?? null;
  }

  /**
   * The facts of the case that owns row `id` of `table` (a record named without its case:
   * `/documents/:id`, `/community-safety-plans/:id`), in **one statement**: the record's case
   * found inside the facts query. No row: no such record in the LA. A missing record and one
   * the caller may not see thus cost the same single statement (no second query for the
   * hidden one).
   */
  async loadByRecord(
    m: EntityManager,
    la: string,
    caller: Pick<Actor, 'id' | 'kind'>,
    /** `table`: a trusted constant (a table name or a record kind's subquery), never input. */
    owner: { table: string; id: string },
    opts: { lock?: LockMode; record?: { kind: InCaseKind; id: string } } = {},
  ): Promise<CaseFactsRow | null> {
    const params: unknown[] = [la, owner.id, caller.id];
    const rows: CaseFactsRow[] = await m.query(
      factsSql(params, caller, '', { ...opts, ownedBy: owner.table }),
      params,
    );
    return rows[0] ?? null;
  }

  /** The case of a record of the LA (null: no such record there). */
  async caseOfRecord(
    m: EntityManager,
    la: string,
    record: { kind: InCaseKind; id: string },
  ): Promise<string | null> {
    const rows: { caseId: string }[] = await m.query(
      `SELECT r.case_id AS "caseId" FROM ${record.kind.table} r
         JOIN case_record c ON c.id = r.case_id
        WHERE r.id = $1 AND c.local_authority_id = $2`,
      [record.id, la],
    );
    return rows[0]?.caseId ?? null;
  }

  /** A team of the LA and whether the caller is a member of it (null: no such team there). */
  async loadTeam(
    m: EntityManager,
    la: string,
    caller: Pick<Actor, 'id'>,
    teamId: string,
  ): Promise<{ member: boolean } | null> {
    const rows: { member: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = t.id AND tm.user_id = $3)
                AS member
         FROM team t WHERE t.id = $1 AND t.local_authority_id = $2`,
      [teamId, la, caller.id],
    );
    return rows[0] ?? null;
  }

  /** A family of the LA with the one family fact (a restricted case closed to the caller). */
  async loadFamily(
    m: EntityManager,
    la: string,
    caller: Pick<Actor, 'id' | 'kind' | 'roles' | 'scopes'>,
    familyId: string,
    opts: { lock?: boolean } = {},
  ): Promise<FamilyFactsRow | null> {
    const params: unknown[] = [familyId, la];
    const closed = familyClosedSql(caller, 'f', params);
    const rows: FamilyFactsRow[] = await m.query(
      `SELECT f.id, f.local_authority_id AS "localAuthorityId", f.name, f.version,
              ${closed} AS "closedToCaller",
              COALESCE((SELECT array_agg(p.id::text) FROM person p
                         WHERE p.family_id = f.id AND p.kind = 'child'), '{}') AS "childIds"
         FROM family f WHERE f.id = $1 AND f.local_authority_id = $2${opts.lock ? ' FOR UPDATE OF f' : ''}`,
      params,
    );
    return rows[0] ?? null;
  }
}

/** The facts SELECT over `case_record c` ($1 LA, $2 case ids, $3 caller; a record adds $4, $5). */
function factsSql(
  params: unknown[],
  caller: Pick<Actor, 'id' | 'kind'>,
  extraColumns: string,
  opts: {
    lock?: LockMode;
    record?: { kind: InCaseKind; id: string };
    single?: boolean;
    /** $2 is the id of a row of this table; the case is the one owning it. */
    ownedBy?: string;
  },
): string {
  const q: SqlRefs = { c: 'c', me: '$3::uuid' };
  let recordColumns = '';
  let recordJoin = '';
  if (opts.record) {
    const r = opts.record.kind.facts;
    params.push(caller.kind, opts.record.id);
    recordColumns = `, r.id AS "recordId", ${r.author('r', q.me, '$4::text')} AS author,
      ${r.shared('r', q.me)} AS shared, ${r.ownAgency('r', q.me)} AS "ownAgency"`;
    recordJoin = `LEFT JOIN ${opts.record.kind.table} r ON r.case_id = c.id AND r.id = $5::uuid`;
  }
  const lock =
    opts.lock === 'update' ? ' FOR UPDATE OF c' : opts.lock === 'share' ? ' FOR SHARE OF c' : '';
  return `SELECT c.id, c.local_authority_id AS "localAuthorityId", c.family_id AS "familyId",
              c.team_id AS "teamId", c.lead_practitioner_id AS "leadPractitionerId", c.stage,
              c.restricted, c.version, c.referral_date::text AS "referralDate",
              c.assessment_completed_at::text AS "assessmentCompletedAt",
              ARRAY(SELECT cc.person_id::text FROM case_child cc WHERE cc.case_id = c.id
                    ORDER BY cc.person_id) AS "childIds",
              ${CASE_FACT_SQL.lead(q)} AS lead, ${CASE_FACT_SQL.coWorker(q)} AS "coWorker",
              ${CASE_FACT_SQL.teamMember(q)} AS "teamMember",
              ${CASE_FACT_SQL.coWorked(q)} AS "coWorked",
              ${CASE_FACT_SQL.macptOpen(q)} AS "macptOpen"${recordColumns}${extraColumns}
         FROM case_record c ${recordJoin}
        WHERE c.local_authority_id = $1
          AND ${
            opts.ownedBy
              ? `c.id = (SELECT o.case_id FROM ${opts.ownedBy} o WHERE o.id = $2::uuid)`
              : opts.single
                ? 'c.id = $2::uuid'
                : 'c.id = ANY($2::uuid[])'
          }${lock}`;
}
