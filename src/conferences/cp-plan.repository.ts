import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CpPlanResponse } from './dto/cp-plan.dto';

const COLUMNS = `v.case_id AS "caseId", v.number AS version, v.outcomes, v.actions, v.contingency,
  v.conference_id AS "conferenceId", v.authored_by_id AS "authoredById",
  to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** The CP plan's content versions: every query scoped by local authority. */
@Injectable()
export class CpPlanRepository {
  async inForce(m: EntityManager, la: string, caseId: string): Promise<CpPlanResponse | null> {
    const rows: CpPlanResponse[] = await m.query(
      `SELECT ${COLUMNS} FROM cp_plan_version v
        WHERE v.local_authority_id = $1 AND v.case_id = $2 ORDER BY v.number DESC LIMIT 1`,
      [la, caseId],
    );
    return rows[0] ?? null;
  }

  async versions(m: EntityManager, la: string, caseId: string): Promise<CpPlanResponse[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM cp_plan_version v
        WHERE v.local_authority_id = $1 AND v.case_id = $2 ORDER BY v.number DESC`,
      [la, caseId],
    );
  }

  /** The core group named by the latest concluded conference that keeps a child on a plan. */
  async coreGroup(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{ conferenceId: string; userIds: string[] } | null> {
    const rows: { id: string; core: string[] | null }[] = await m.query(
      `SELECT k.id, k.outcome->'coreGroup' AS core FROM cp_conference k
        WHERE k.local_authority_id = $1 AND k.case_id = $2 AND k.status = 'concluded'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(k.outcome->'children') o
                       WHERE o->>'plan' IN ('start', 'continue'))
        ORDER BY k.held_on DESC, k.concluded_at DESC LIMIT 1`,
      [la, caseId],
    );
    return rows[0] ? { conferenceId: rows[0].id, userIds: rows[0].core ?? [] } : null;
  }

  /** Inserts version `number`; null when that number exists already (a concurrent write). */
  async insert(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      number: number;
      outcomes: string[];
      actions: unknown[];
      contingency: string;
      conferenceId: string;
      authoredById: string;
    },
  ): Promise<CpPlanResponse | null> {
    const rows: CpPlanResponse[] = await m.query(
      `WITH v AS (
         INSERT INTO cp_plan_version (case_id, local_authority_id, number, outcomes, actions, contingency, conference_id, authored_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT ON CONSTRAINT uq_cp_plan_version_number DO NOTHING
         RETURNING *)
       SELECT ${COLUMNS} FROM v`,
      [
        v.caseId,
        la,
        v.number,
        JSON.stringify(v.outcomes),
        JSON.stringify(v.actions),
        v.contingency,
        v.conferenceId,
        v.authoredById,
      ],
    );
    return rows[0] ?? null;
  }
}
