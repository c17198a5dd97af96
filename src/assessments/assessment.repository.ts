import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { encodeCursor, Page } from 'src/common/pagination';
import { writeReturning } from 'src/common/sql';
import { assessmentDueDate, isLate } from './assessment-rules';
import type { AssessmentOutcome } from './assessment.entity';
import type { AssessmentResponse } from './dto/assessment.dto';

export interface AssessmentRow {
  id: string;
  case_id: string;
  child_ids: string[];
  started_on: string;
  completed_on: string | null;
  outcome: AssessmentOutcome | null;
  summary: string | null;
  late_reason: string | null;
  authorised_by_id: string | null;
  authorised_at: Date | null;
  authorised_on: string | null;
  factors: string[] | null;
  primary_need: string | null;
  created_by_id: string;
  created_at: Date;
  version: number;
  referral_date: string;
  cursor_at: string;
}

const COLUMNS = `a.id, a.case_id, a.child_ids::text[] AS child_ids, a.started_on::text AS started_on,
  a.completed_on::text AS completed_on, a.outcome, a.summary, a.late_reason, a.authorised_by_id,
  a.authorised_at, a.authorised_on::text AS authorised_on, a.factors::text[] AS factors,
  a.primary_need, a.created_by_id, a.created_at, a.version,
  (SELECT c.referral_date::text FROM case_record c WHERE c.id = a.case_id) AS referral_date,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

export function toAssessment(r: AssessmentRow): AssessmentResponse {
  const dueDate = assessmentDueDate(r.referral_date);
  return {
    id: r.id,
    caseId: r.case_id,
    childIds: r.child_ids,
    status: r.authorised_at ? 'authorised' : r.completed_on ? 'completed' : 'in_progress',
    startedOn: r.started_on,
    dueDate,
    completedOn: r.completed_on,
    late: r.completed_on ? isLate(r.completed_on, dueDate) : false,
    outcome: r.outcome,
    summary: r.summary,
    lateReason: r.late_reason,
    authorisedById: r.authorised_by_id,
    authorisedAt: r.authorised_at ? new Date(r.authorised_at).toISOString() : null,
    authorisedOn: r.authorised_on,
    factors: r.factors,
    primaryNeed: r.primary_need,
    createdById: r.created_by_id,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/** Queries on assessment; every method takes the local authority. */
@Injectable()
export class AssessmentRepository {
  async insert(
    m: EntityManager,
    v: { la: string; caseId: string; childIds: string[]; startedOn: string; createdById: string },
  ): Promise<AssessmentResponse> {
    const rows: AssessmentRow[] = await m.query(
      `INSERT INTO assessment AS a (local_authority_id, case_id, child_ids, started_on, created_by_id)
       VALUES ($1, $2, $3::uuid[], $4, $5) RETURNING ${COLUMNS}`,
      [v.la, v.caseId, v.childIds, v.startedOn, v.createdById],
    );
    return toAssessment(rows[0]);
  }

  /** The assessment (of the LA), optionally locked for a change. */
  async find(
    m: EntityManager,
    la: string,
    id: string,
    lock = false,
  ): Promise<AssessmentResponse | null> {
    const rows: AssessmentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM assessment a WHERE a.id = $1 AND a.local_authority_id = $2
       ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id, la],
    );
    return rows[0] ? toAssessment(rows[0]) : null;
  }

  async complete(
    m: EntityManager,
    id: string,
    v: {
      completedOn: string;
      outcome: AssessmentOutcome;
      summary: string | null;
      lateReason: string | null;
      factors: string[] | null;
      primaryNeed: string | null;
    },
  ): Promise<AssessmentResponse> {
    const rows = await writeReturning<AssessmentRow>(
      m,
      `UPDATE assessment AS a SET completed_on = $2, outcome = $3, summary = $4, late_reason = $5,
              factors = $6, primary_need = $7, version = version + 1, updated_at = now()
        WHERE a.id = $1 AND a.completed_on IS NULL RETURNING ${COLUMNS}`,
      [id, v.completedOn, v.outcome, v.summary, v.lateReason, v.factors, v.primaryNeed],
    );
    return toAssessment(rows[0]);
  }

  /** Authorises a completed assessment on `on` (the authorisation date: the day it is given). */
  async authorise(
    m: EntityManager,
    id: string,
    by: string,
    on: string,
  ): Promise<AssessmentResponse> {
    const rows = await writeReturning<AssessmentRow>(
      m,
      `UPDATE assessment AS a SET authorised_by_id = $2, authorised_at = now(), authorised_on = $3,
              version = version + 1, updated_at = now()
        WHERE a.id = $1 AND a.authorised_at IS NULL AND a.completed_on IS NOT NULL
        RETURNING ${COLUMNS}`,
      [id, by, on],
    );
    return toAssessment(rows[0]);
  }

  /** Meets the case's assessment timescale with the first authorised completion; returns
   * whether it did (a later authorisation leaves the first date in place). */
  async meetCaseTimescale(m: EntityManager, caseId: string, completedOn: string): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE case_record SET assessment_completed_at = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND assessment_completed_at IS NULL RETURNING id`,
      [caseId, completedOn],
    );
    return rows.length > 0;
  }

  /** Authoriser facts: is `userId` a member of the case's team / an active co-worker on it? */
  async authoriserFacts(
    m: EntityManager,
    caseId: string,
    userId: string,
  ): Promise<{ isTeamMember: boolean; isActiveCoWorker: boolean }> {
    const rows: { isTeamMember: boolean; isActiveCoWorker: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM case_record c JOIN team_member tm ON tm.team_id = c.team_id
                       WHERE c.id = $1 AND tm.user_id = $2) AS "isTeamMember",
              EXISTS (SELECT 1 FROM case_co_worker w
                       WHERE w.case_id = $1 AND w.user_id = $2 AND w.ended_at IS NULL) AS "isActiveCoWorker"`,
      [caseId, userId],
    );
    return rows[0];
  }

  async list(
    m: EntityManager,
    la: string,
    caseId: string,
    limit: number,
    after: [string, string] | null,
  ): Promise<Page<AssessmentResponse>> {
    const rows: AssessmentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM assessment a
        WHERE a.case_id = $1 AND a.local_authority_id = $2
          AND ($3::timestamptz IS NULL OR (a.created_at, a.id) > ($3::timestamptz, $4::uuid))
        ORDER BY a.created_at, a.id LIMIT $5`,
      [caseId, la, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toAssessment),
      nextCursor: rows.length > limit ? encodeCursor([last.cursor_at, last.id]) : null,
    };
  }
}
