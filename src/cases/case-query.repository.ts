import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { caseFilterSql } from 'src/access/verdict';
import { familyFilterSql } from 'src/access/verdict-scopes';
import { encodeCursor, Page } from 'src/common/pagination';
import { historyUnionSql } from 'src/case-history/case-history.repository';
import type { Stage } from 'src/case-history/case-types';
import { caseActivitySql } from './case-activity';
import { caseloadSql, type Caseload } from './caseload.filters';
import type { CaseResponse } from './dto/case.responses';
import { Clock } from 'src/common/clock';
import { fnpReviewItemsSql } from 'src/case-history/family-network-plan-review.query';
import { preProceedingsReviewsSql, proceedingsInputSql } from 'src/case-history/timescale-input';
import { CaseRow, toCaseResponse } from './case-response';
export { type CaseRow, toCaseResponse } from './case-response';

/** The response's columns beyond the gate's facts row (which has id, stage, family, team, lead,
 * children, restricted, version, referral date and assessment date): children with names, the
 * lead practitioner's and co-workers' names, and the facts plan statuses and the next timescale
 * derive from (history, meetings, visits, the LA's timescale settings), as correlated subqueries. */
/** The audit row of a case read (`GET /cases/:id`). */
export const CASE_READ_AUDIT = {
  action: 'case.read',
  recordType: 'case',
  restrictedReason: 'restricted case opened by an assigned worker or manager',
};

export const CASE_RESPONSE_COLUMNS = `
         (SELECT lu.name FROM app_user lu WHERE lu.id = c.lead_practitioner_id) AS "leadPractitionerName",
         COALESCE((SELECT json_agg(json_build_object('id', p.id, 'firstName', p.first_name,
                                     'lastName', p.last_name, 'dateOfBirth', p.date_of_birth::text)
                                   ORDER BY p.id)
                     FROM case_child cc JOIN person p ON p.id = cc.person_id
                    WHERE cc.case_id = c.id), '[]') AS "children",
         COALESCE((SELECT json_agg(json_build_object('userId', w.user_id, 'name', wu.name,
                                     'role', w.role, 'assignedAt', w.assigned_at)
                                   ORDER BY w.assigned_at, w.id)
                     FROM case_co_worker w JOIN app_user wu ON wu.id = w.user_id
                    WHERE w.case_id = c.id AND w.ended_at IS NULL), '[]')
           AS "coWorkers",
         COALESCE((SELECT json_agg(h ORDER BY h.ts, h.id)
                     FROM (${historyUnionSql('= c.id', 'c.local_authority_id')}) h), '[]') AS "history",
         COALESCE((SELECT json_agg(json_build_object('kind', mt.kind, 'date', mt.held_on::text)
                                   ORDER BY mt.held_on, mt.recorded_at, mt.id)
                     FROM case_meeting mt WHERE mt.case_id = c.id), '[]') AS "meetings",
         COALESCE((SELECT json_agg(json_build_object('childId', v.child_id,
                                     'date', v.visited_on::text, 'seenAlone', v.seen_alone)
                                   ORDER BY v.visited_on, v.recorded_at, v.id)
                     FROM case_visit v WHERE v.case_id = c.id), '[]') AS "visits",
         COALESCE((SELECT json_agg(json_build_object('case_id', e.case_id, 'type', e.type,
                                     'day', (e.at AT TIME ZONE 'Europe/London')::date::text,
                                     'referral_date', e.data->'referral'->>'date',
                                     'completed_at', COALESCE(e.data->>'completedAt',
                                       CASE WHEN e.type = 'assessment_authorised'
                                         AND (e.data->>'timescaleMet')::boolean
                                       THEN e.data->>'completedOn' END))
                                   ORDER BY e.at, e.id)
                     FROM case_event e
                    WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id
                      AND e.type IN ('case_created', 'case_reopened', 'referral_added',
                                     'assessment_completed', 'assessment_authorised')), '[]')
           AS "referralEvents",
         COALESCE((SELECT json_agg(json_build_object('planId', fr."planId",
                                     'reviewDate', fr."reviewDate", 'reviewedAt', fr."reviewedAt",
                                     'since', fr."since"))
                     FROM (${fnpReviewItemsSql('= c.id').replaceAll('$1', 'c.local_authority_id')}) fr),
                  '[]') AS "fnpReviews",
         COALESCE((SELECT json_agg(json_build_object('startDecisionId', sp.start_decision_id,
                                     'id', sp.id))
                     FROM community_safety_plan sp WHERE sp.case_id = c.id), '[]') AS "safetyPlans",
         (SELECT cla.core_group_interval_weeks FROM local_authority cla
           WHERE cla.id = c.local_authority_id) AS "coreGroupIntervalWeeks",
         (SELECT cla.visit_interval_working_days FROM local_authority cla
           WHERE cla.id = c.local_authority_id) AS "visitIntervalWorkingDays",
         (SELECT cla.pre_proceedings_weeks FROM local_authority cla
           WHERE cla.id = c.local_authority_id) AS "preProceedingsWeeks",
         ${proceedingsInputSql('= c.id')} AS "letters",
         ${preProceedingsReviewsSql('= c.id')} AS "preProceedingsReviews",
         COALESCE((SELECT json_agg(json_build_object('seq', e.seq, 'referralDate', e.referral_date::text,
                                     'referralSource', e.referral_source, 'closed', e.closed,
                                     'closedOn', e.closed_on::text, 'closureReason', e.closure_reason,
                                     'primaryNeedAtClosure', e.primary_need_at_closure)
                                   ORDER BY e.seq)
                     FROM case_episode e
                    WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id), '[]')
           AS "episodes",
         c.referral_source AS "referralSource", c.closure_reason AS "closureReason",
         (EXISTS (SELECT 1 FROM case_concern k WHERE k.case_id = c.id AND k.closed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM case_co_worker w2 WHERE w2.case_id = c.id AND w2.ended_at IS NULL))
           AS "needsEcpp", c.closed_at AS "closedAt",
         (SELECT json_build_object(
                   'closedOn', COALESCE(e.data->>'closedOn', (e.at AT TIME ZONE 'Europe/London')::date::text),
                   'authorisedBy', e.data->>'authorisedById')
            FROM case_event e
           WHERE c.closed_at IS NOT NULL AND e.case_id = c.id
             AND e.local_authority_id = c.local_authority_id AND e.type = 'case_closed'
           ORDER BY e.at DESC, e.id DESC LIMIT 1) AS "closedEvent",
         c.created_at AS "createdAt", c.updated_at AS "updatedAt",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
         ${caseActivitySql('c')} AS "lastActivityAt"`;

const CASE_SELECT_FROM_PAGE = `
  SELECT c.id, c.stage, c.family_id AS "familyId", c.team_id AS "teamId",
         c.lead_practitioner_id AS "leadPractitionerId",
         COALESCE((SELECT array_agg(cc.person_id::text ORDER BY cc.person_id)
                     FROM case_child cc WHERE cc.case_id = c.id), '{}') AS "childIds",
         c.referral_date::text AS "referralDate", c.restricted, c.version,
         c.assessment_completed_at::text AS "assessmentCompletedAt",${CASE_RESPONSE_COLUMNS}
    FROM`;

const CASE_SELECT = `${CASE_SELECT_FROM_PAGE} case_record c`;

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
    if (f.updatedSince !== undefined) add(`${key} > ?::timestamptz`, f.updatedSince);
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
