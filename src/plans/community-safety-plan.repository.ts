import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Agency } from 'src/access/roles';
import { actorNameSql } from 'src/common/display-names';
import { writeReturning, isoTimestampSql } from 'src/common/sql';
import type { PersonOfConcern } from './community-safety-plan.entity';
import type { NetworkPlanReviewResponse } from './dto/common.dto';
import type { SafetyActionResponse } from './dto/community-safety-plan.dto';
import type { ActionStatus, CspStatus, HarmType } from './plan-rules';

export interface CspRow {
  id: string;
  caseId: string;
  childId: string;
  status: CspStatus;
  harmTypes: HarmType[];
  contexts: string[];
  personsOfConcern: PersonOfConcern[];
  reviewDate: string;
  startedOn: string;
  endedOn: string | null;
  startDecisionId: string;
  endDecisionId: string | null;
  version: number;
}

const PLAN_COLUMNS = `id, case_id AS "caseId", child_id AS "childId", status,
  harm_types AS "harmTypes", contexts, persons_of_concern AS "personsOfConcern",
  review_date::text AS "reviewDate", started_on::text AS "startedOn",
  ended_on::text AS "endedOn", start_decision_id AS "startDecisionId",
  end_decision_id AS "endDecisionId", version`;

const ACTION_COLUMNS = `id, plan_id AS "planId", agency, description, due_date::text AS "dueDate",
  status, owner_user_id AS "ownerUserId",
  ${actorNameSql(
    'community_safety_plan_action.owner_user_id',
    `(SELECT dnp.local_authority_id FROM community_safety_plan dnp
       WHERE dnp.id = community_safety_plan_action.plan_id)`,
  )} AS "ownerUserName",
  version, ${isoTimestampSql('updated_at')} AS "updatedAt"`;

const REVIEW_COLUMNS = `id, reviewed_on::text AS "reviewedOn", summary,
  next_review_date::text AS "nextReviewDate", recorded_by_id AS "recordedById",
  ${actorNameSql(
    'community_safety_plan_review.recorded_by_id',
    `(SELECT dnp.local_authority_id FROM community_safety_plan dnp WHERE dnp.id = community_safety_plan_review.plan_id)`,
  )} AS "recordedByName",
  ${isoTimestampSql('recorded_at')} AS "recordedAt"`;

/** Child Community Safety Plans, their actions and reviews. */
@Injectable()
export class CommunitySafetyPlanRepository {
  async insert(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      childId: string;
      harmTypes: HarmType[];
      contexts: string[];
      personsOfConcern: PersonOfConcern[];
      reviewDate: string;
      startedOn: string;
      startDecisionId: string;
    },
  ): Promise<CspRow> {
    const rows: CspRow[] = await m.query(
      `INSERT INTO community_safety_plan (case_id, local_authority_id, child_id, harm_types,
          contexts, persons_of_concern, review_date, started_on, start_decision_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PLAN_COLUMNS}`,
      [
        v.caseId,
        la,
        v.childId,
        v.harmTypes,
        v.contexts,
        JSON.stringify(v.personsOfConcern),
        v.reviewDate,
        v.startedOn,
        v.startDecisionId,
      ],
    );
    return rows[0];
  }

  async find(m: EntityManager, la: string, id: string): Promise<CspRow | null> {
    const rows: CspRow[] = await m.query(
      `SELECT ${PLAN_COLUMNS} FROM community_safety_plan WHERE id = $2 AND local_authority_id = $1`,
      [la, id],
    );
    return rows[0] ?? null;
  }

  async listForCase(m: EntityManager, la: string, caseId: string): Promise<CspRow[]> {
    return m.query(
      `SELECT ${PLAN_COLUMNS} FROM community_safety_plan
        WHERE case_id = $2 AND local_authority_id = $1 ORDER BY started_on, created_at, id`,
      [la, caseId],
    );
  }

  async end(
    m: EntityManager,
    la: string,
    id: string,
    endedOn: string,
    endDecisionId: string,
  ): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE community_safety_plan SET status = 'ended', ended_on = $3, end_decision_id = $4,
              version = version + 1
        WHERE id = $2 AND local_authority_id = $1 AND status = 'active' RETURNING id`,
      [la, id, endedOn, endDecisionId],
    );
    return rows.length === 1;
  }

  async setReviewDate(m: EntityManager, la: string, id: string, date: string): Promise<void> {
    await m.query(
      `UPDATE community_safety_plan SET review_date = $3, version = version + 1
        WHERE id = $2 AND local_authority_id = $1`,
      [la, id, date],
    );
  }

  async insertAction(
    m: EntityManager,
    planId: string,
    v: {
      agency: Agency;
      description: string;
      dueDate: string;
      ownerUserId: string | null;
      createdById: string;
    },
  ): Promise<SafetyActionResponse> {
    const rows: SafetyActionResponse[] = await m.query(
      `INSERT INTO community_safety_plan_action (plan_id, agency, description, due_date, owner_user_id, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ACTION_COLUMNS}`,
      [planId, v.agency, v.description, v.dueDate, v.ownerUserId, v.createdById],
    );
    return rows[0];
  }

  async actions(m: EntityManager, planId: string): Promise<SafetyActionResponse[]> {
    return m.query(
      `SELECT ${ACTION_COLUMNS} FROM community_safety_plan_action WHERE plan_id = $1
        ORDER BY due_date, created_at, id`,
      [planId],
    );
  }

  async action(
    m: EntityManager,
    planId: string,
    actionId: string,
  ): Promise<SafetyActionResponse | null> {
    const rows: SafetyActionResponse[] = await m.query(
      `SELECT ${ACTION_COLUMNS} FROM community_safety_plan_action WHERE id = $2 AND plan_id = $1`,
      [planId, actionId],
    );
    return rows[0] ?? null;
  }

  /** The new status if the action is still at `version`; null when stale. */
  async setActionStatus(
    m: EntityManager,
    planId: string,
    actionId: string,
    version: number,
    status: ActionStatus,
  ): Promise<SafetyActionResponse | null> {
    const rows = await writeReturning<SafetyActionResponse>(
      m,
      `UPDATE community_safety_plan_action SET status = $4, version = version + 1,
              updated_at = clock_timestamp()
        WHERE id = $2 AND plan_id = $1 AND version = $3 RETURNING ${ACTION_COLUMNS}`,
      [planId, actionId, version, status],
    );
    return rows[0] ?? null;
  }

  async insertReview(
    m: EntityManager,
    planId: string,
    v: { reviewedOn: string; summary: string; nextReviewDate: string; recordedById: string },
  ): Promise<NetworkPlanReviewResponse> {
    const rows: NetworkPlanReviewResponse[] = await m.query(
      `INSERT INTO community_safety_plan_review (plan_id, reviewed_on, summary, next_review_date, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${REVIEW_COLUMNS}`,
      [planId, v.reviewedOn, v.summary, v.nextReviewDate, v.recordedById],
    );
    return rows[0];
  }

  async reviews(m: EntityManager, planId: string): Promise<NetworkPlanReviewResponse[]> {
    return m.query(
      `SELECT ${REVIEW_COLUMNS} FROM community_safety_plan_review WHERE plan_id = $1
        ORDER BY reviewed_on, recorded_at, id`,
      [planId],
    );
  }
}
