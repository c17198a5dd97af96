import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { caseFilterSql } from 'src/access/verdict';
import { familyFilterSql } from 'src/access/verdict-scopes';
import { encodeCursor, Page } from 'src/common/pagination';
import type { Stage } from 'src/case-history/case-types';
import { activeSinceSql, caseActivitySql } from './case-activity';
import { caseloadSql, type Caseload } from './caseload.filters';
import type { CaseResponse } from './dto/case.responses';
import { Clock } from 'src/common/clock';
import { CaseRow, toCaseResponse } from './case-response';
import { CASE_SELECT, CASE_SELECT_FROM_PAGE } from './case-columns';
export { type CaseRow, toCaseResponse } from './case-response';
export { CASE_RESPONSE_COLUMNS } from './case-columns';

/** The audit row of a case read (`GET /cases/:id`). */
export const CASE_READ_AUDIT = {
  action: 'case.read',
  recordType: 'case',
  restrictedReason: 'restricted case opened by an assigned worker or manager',
};

export interface CaseListFilter {
  teamId?: string;
  stage?: Stage;
  leadPractitionerId?: string;
  /** The caller's caseload (users only). */
  mine?: Caseload;
  /** Only cases with (true) or without (false) an overdue timescale item. */
  overdue?: boolean;
  /** Only cases of this child. */
  childId?: string;
  /** Leave out closed cases (unless `stage` asks for them). */
  openOnly?: boolean;
  /** Only cases whose last activity (caseActivitySql) is after this instant, oldest activity
   * first, keyset on (activity, id). */
  updatedSince?: string;
  limit: number;
  after: [string, string] | null;
}

/** Cases examined at most per request when filtering by `overdue` (computed per case). */
const MAX_SCANNED_FOR_OVERDUE = 2000;

/** Read queries for case responses; every method takes the local authority. */
@Injectable()
export class CaseQueryRepository {
  constructor(private readonly clock: Clock) {}

  async findOne(m: EntityManager, la: string, caseId: string): Promise<CaseResponse | null> {
    const rows: CaseRow[] = await m.query(
      `${CASE_SELECT} WHERE c.id = $1 AND c.local_authority_id = $2`,
      [caseId, la],
    );
    return rows[0] ? toCaseResponse(rows[0], this.clock.today()) : null;
  }

  /**
   * Cases of the LA visible to `actor` (restricted ones only to those who may open them),
   * newest first, keyset on (created_at, id): one query per page. With `overdue`, which is
   * computed per case, pages are scanned until the page is full or
   * MAX_SCANNED_FOR_OVERDUE cases were examined (a short page then still has a nextCursor).
   */
  async list(
    m: EntityManager,
    la: string,
    actor: Actor,
    f: CaseListFilter,
  ): Promise<Page<CaseResponse>> {
    const today = this.clock.today();
    const data: CaseResponse[] = [];
    let after = f.after;
    let scanned = 0;
    for (;;) {
      const rows = await this.listRows(m, la, actor, f, after);
      const batch = rows.slice(0, f.limit);
      for (const r of batch) {
        scanned += 1;
        const c = toCaseResponse(r, today);
        // the activity key is already whole milliseconds (caseActivitySql): its ISO text is exact
        after = [
          f.updatedSince === undefined ? r.cursorAt : new Date(r.lastActivityAt).toISOString(),
          r.id,
        ];
        if (f.overdue === undefined || c.overdueCount > 0 === f.overdue) data.push(c);
        if (data.length === f.limit) {
          const more = r !== rows[rows.length - 1];
          return { data, nextCursor: more ? encodeCursor(after) : null };
        }
      }
      if (rows.length <= f.limit) return { data, nextCursor: null };
      if (scanned >= MAX_SCANNED_FOR_OVERDUE) return { data, nextCursor: encodeCursor(after!) };
    }
  }

  private listRows(
    m: EntityManager,
    la: string,
    actor: Actor,
    f: CaseListFilter,
    after: [string, string] | null,
  ): Promise<CaseRow[]> {
    const params: unknown[] = [la];
    const where = ['c.local_authority_id = $1'];
    where.push(caseFilterSql(actor, 'case.read', 'c', params));
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (f.mine) where.push(caseloadSql(f.mine, actor, 'c', params));
    if (f.childId)
      add(
        'EXISTS (SELECT 1 FROM case_child fc WHERE fc.case_id = c.id AND fc.person_id = ?)',
        f.childId,
      );
    if (f.teamId) add('c.team_id = ?', f.teamId);
    if (f.stage) add('c.stage = ?', f.stage);
    else if (f.openOnly) where.push(`c.stage <> 'closed'`);
    if (f.leadPractitionerId) add('c.lead_practitioner_id = ?', f.leadPractitionerId);
    // Newest first by creation; with updatedSince, oldest activity first (a feed to follow).
    const [key, cmp, dir] =
      f.updatedSince === undefined
        ? ['c.created_at', '<', 'DESC']
        : [caseActivitySql('c'), '>', 'ASC'];
    if (f.updatedSince !== undefined) {
      add(`${key} > ?::timestamptz`, f.updatedSince);
      // Every case this page can list has activity after updatedSince and at or after the
      // cursor's: only cases with a source of activity since then are computed.
      add(`c.id IN ${activeSinceSql('$1', '?::timestamptz')}`, after ? after[0] : f.updatedSince);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(
        `(${key}, c.id) ${cmp} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(f.limit + 1);
    // The page's case rows are chosen first (filter, order, limit on case_record alone), and the
    // response's correlated subqueries run over that page only: planned for the page's rows, each
    // is an index lookup per case (on the whole filter the planner hashed whole tables for them).
    return m.query(
      `${CASE_SELECT_FROM_PAGE}
         (SELECT c.* FROM case_record c WHERE ${where.join(' AND ')}
           ORDER BY ${key} ${dir}, c.id ${dir} LIMIT $${params.length}) c
        ORDER BY ${key} ${dir}, c.id ${dir}`,
      params,
    );
  }

  /** A user of the LA who is a member of the team, with their roles (null when not). */
  async teamMember(
    m: EntityManager,
    la: string,
    teamId: string,
    userId: string,
  ): Promise<{ roles: string[]; active: boolean } | null> {
    const rows: { roles: string[]; active: boolean }[] = await m.query(
      `SELECT u.roles, u.active FROM team_member tm JOIN app_user u ON u.id = tm.user_id
        WHERE tm.team_id = $1 AND tm.user_id = $2 AND u.local_authority_id = $3`,
      [teamId, userId, la],
    );
    return rows[0] ?? null;
  }

  /** Whether a family of the LA exists and the caller may see it (the family verdict as SQL). */
  async familyVisible(m: EntityManager, la: string, actor: Actor, familyId: string) {
    const params: unknown[] = [familyId, la];
    const visible = familyFilterSql(actor, 'f', params);
    const family: unknown[] = await m.query(
      `SELECT 1 FROM family f WHERE f.id = $1 AND f.local_authority_id = $2 AND ${visible}`,
      params,
    );
    return family.length > 0;
  }

  /** Whether a child of the LA exists and the caller may see its family. */
  async childVisible(m: EntityManager, la: string, actor: Actor, personId: string) {
    const params: unknown[] = [personId, la];
    const visible = familyFilterSql(actor, 'f', params);
    const child: unknown[] = await m.query(
      `SELECT 1 FROM person p JOIN family f ON f.id = p.family_id
        WHERE p.id = $1 AND p.local_authority_id = $2 AND p.kind = 'child' AND ${visible}`,
      params,
    );
    return child.length > 0;
  }

  async teamKind(m: EntityManager, la: string, teamId: string): Promise<string | null> {
    const rows: { kind: string }[] = await m.query(
      `SELECT kind FROM team WHERE id = $1 AND local_authority_id = $2`,
      [teamId, la],
    );
    return rows[0]?.kind ?? null;
  }

  /** Which of `ids` are children (kind child) of the family. */
  async childrenOfFamily(m: EntityManager, familyId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM person WHERE family_id = $1 AND kind = 'child' AND id = ANY($2::uuid[])`,
      [familyId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** Children (of these ids) born, or due, more than 40 weeks after `referralDate`. */
  async bornTooLongAfter(m: EntityManager, ids: string[], referralDate: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM person
        WHERE id = ANY($1::uuid[])
          AND COALESCE(date_of_birth, expected_date_of_birth) > $2::date + 280`,
      [ids, referralDate],
    );
    return rows.map((r) => r.id);
  }
}
