import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { actorNameSql } from 'src/common/display-names';
import { writeReturning } from 'src/common/sql';
import type { PlanActionDto, PlanActionResponse, PlanResponse } from './plan.dto';

const iso = (d: Date | string) => new Date(d).toISOString();
/** The owner's display name is looked up in the plan's own local authority only. */
const ACTION_COLUMNS = `id, goal_id AS "goalId", description, owner_user_id AS "ownerUserId",
  ${actorNameSql(
    'family_help_plan_action.owner_user_id',
    `(SELECT dnp.local_authority_id FROM family_help_plan dnp
       WHERE dnp.id = family_help_plan_action.plan_id)`,
  )} AS "ownerUserName",
  owner_name AS "ownerName", due_date::text AS "dueDate", status, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

export interface PlanHead {
  id: string;
  version: number;
  nextReviewDate: string | null;
}

/** Queries on the Family Help plan and its goals, actions and reviews. */
@Injectable()
export class PlanRepository {
  async head(m: EntityManager, caseId: string, lock = false): Promise<PlanHead | null> {
    const rows: PlanHead[] = await m.query(
      `SELECT id, version, next_review_date::text AS "nextReviewDate" FROM family_help_plan
        WHERE case_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  async insertPlan(
    m: EntityManager,
    p: { caseId: string; la: string; nextReviewDate: string | null; createdById: string },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO family_help_plan (case_id, local_authority_id, next_review_date, created_by_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [p.caseId, p.la, p.nextReviewDate, p.createdById],
    );
    return rows[0]?.id ?? null;
  }

  /** The case's open episode: its referral date and the plan's start in it. */
  async openEpisode(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{ id: string; referralDate: string; startedOn: string | null }> {
    const rows: { id: string; referralDate: string; startedOn: string | null }[] = await m.query(
      `SELECT e.id, e.referral_date::text AS "referralDate",
              e.cin_plan_started_on::text AS "startedOn"
         FROM case_episode e
        WHERE e.case_id = $1 AND e.local_authority_id = $2 AND NOT e.closed`,
      [caseId, la],
    );
    return rows[0];
  }

  /** Sets when the plan started in episode `episodeId` (the CIN plan start). */
  async setStartedOn(m: EntityManager, la: string, episodeId: string, startedOn: string) {
    await m.query(
      `UPDATE case_episode SET cin_plan_started_on = $3 WHERE id = $1 AND local_authority_id = $2`,
      [episodeId, la, startedOn],
    );
  }

  /** Bumps the plan version when it still is `version` (If-Match); null when stale. */
  async bump(
    m: EntityManager,
    planId: string,
    version: number | null,
    nextReviewDate?: string,
  ): Promise<number | null> {
    const rows = await writeReturning<{ version: number }>(
      m,
      `UPDATE family_help_plan SET version = version + 1, updated_at = now(),
              next_review_date = COALESCE($3::date, next_review_date)
        WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING version`,
      [planId, version, nextReviewDate ?? null],
    );
    return rows[0]?.version ?? null;
  }

  async insertGoal(m: EntityManager, planId: string, description: string): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO family_help_plan_goal (plan_id, description) VALUES ($1, $2) RETURNING id`,
      [planId, description.trim()],
    );
    return rows[0].id;
  }

  async goal(m: EntityManager, planId: string, goalId: string) {
    const rows: { id: string; description: string; status: string }[] = await m.query(
      `SELECT id, description, status FROM family_help_plan_goal WHERE id = $1 AND plan_id = $2`,
      [goalId, planId],
    );
    return rows[0] ?? null;
  }

  async updateGoal(m: EntityManager, goalId: string, description: string, status: string) {
    await m.query(`UPDATE family_help_plan_goal SET description = $2, status = $3 WHERE id = $1`, [
      goalId,
      description,
      status,
    ]);
  }

  async insertAction(
    m: EntityManager,
    planId: string,
    goalId: string | null,
    a: PlanActionDto,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO family_help_plan_action (plan_id, goal_id, description, owner_user_id, owner_name, due_date, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        planId,
        goalId,
        a.description.trim(),
        a.ownerUserId ?? null,
        a.ownerName?.trim() ?? null,
        a.dueDate ?? null,
        a.status ?? 'not_started',
      ],
    );
    return rows[0].id;
  }

  async action(
    m: EntityManager,
    planId: string,
    actionId: string,
  ): Promise<PlanActionResponse | null> {
    const rows: PlanActionResponse[] = await m.query(
      `SELECT ${ACTION_COLUMNS} FROM family_help_plan_action WHERE id = $1 AND plan_id = $2`,
      [actionId, planId],
    );
    return rows[0]
      ? { ...rows[0], createdAt: iso(rows[0].createdAt), updatedAt: iso(rows[0].updatedAt) }
      : null;
  }

  async updateAction(
    m: EntityManager,
    actionId: string,
    a: Pick<PlanActionResponse, 'description' | 'ownerUserId' | 'ownerName' | 'dueDate' | 'status'>,
  ): Promise<void> {
    await m.query(
      `UPDATE family_help_plan_action SET description = $2, owner_user_id = $3, owner_name = $4,
              due_date = $5, status = $6, version = version + 1, updated_at = now() WHERE id = $1`,
      [actionId, a.description, a.ownerUserId, a.ownerName, a.dueDate, a.status],
    );
  }

  async insertReview(
    m: EntityManager,
    planId: string,
    date: string,
    summary: string,
    recordedById: string,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO family_help_plan_review (plan_id, review_date, summary, recorded_by_id)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [planId, date, summary.trim(), recordedById],
    );
    return rows[0].id;
  }

  /** Is the user an active user of the LA (an action owner)? */
  async isLaUser(m: EntityManager, la: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM app_user WHERE id = $1 AND local_authority_id = $2 AND active`,
      [userId, la],
    );
    return rows.length > 0;
  }

  async full(m: EntityManager, caseId: string): Promise<PlanResponse | null> {
    const rows: (Omit<PlanResponse, 'goals' | 'actions' | 'reviews'> & {
      createdAt: Date;
      updatedAt: Date;
    })[] = await m.query(
      `SELECT id, case_id AS "caseId", next_review_date::text AS "nextReviewDate",
                (SELECT e.cin_plan_started_on::text FROM case_episode e
                  WHERE e.case_id = p.case_id AND e.local_authority_id = p.local_authority_id
                  ORDER BY e.seq DESC LIMIT 1) AS "startedOn", version,
                created_at AS "createdAt", updated_at AS "updatedAt"
           FROM family_help_plan p WHERE case_id = $1`,
      [caseId],
    );
    const plan = rows[0];
    if (!plan) return null;
    const goals: { id: string; description: string; status: string; createdAt: Date }[] =
      await m.query(
        `SELECT id, description, status, created_at AS "createdAt" FROM family_help_plan_goal
          WHERE plan_id = $1 ORDER BY created_at, id`,
        [plan.id],
      );
    const actions: PlanActionResponse[] = await m.query(
      `SELECT ${ACTION_COLUMNS} FROM family_help_plan_action WHERE plan_id = $1 ORDER BY created_at, id`,
      [plan.id],
    );
    const reviews: {
      id: string;
      date: string;
      summary: string;
      recordedById: string;
      recordedByName: string | null;
      createdAt: Date;
    }[] = await m.query(
      `SELECT r.id, r.review_date::text AS date, r.summary, r.recorded_by_id AS "recordedById",
              ${actorNameSql('r.recorded_by_id', 'p.local_authority_id')} AS "recordedByName",
              r.created_at AS "createdAt"
           FROM family_help_plan_review r JOIN family_help_plan p ON p.id = r.plan_id
          WHERE r.plan_id = $1 ORDER BY r.review_date, r.created_at, r.id`,
      [plan.id],
    );
    return {
      ...plan,
      createdAt: iso(plan.createdAt),
      updatedAt: iso(plan.updatedAt),
      goals: goals.map((g) => ({
        ...g,
        status: g.status as PlanResponse['goals'][0]['status'],
        createdAt: iso(g.createdAt),
      })),
      actions: actions.map((a) => ({
        ...a,
        createdAt: iso(a.createdAt),
        updatedAt: iso(a.updatedAt),
      })),
      reviews: reviews.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    };
  }
}
