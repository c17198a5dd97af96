import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { caseFilterSql } from 'src/access/verdict';
import { encodeCursor, Page } from 'src/common/pagination';
import type { Stage } from 'src/case-history/case-types';
import {
  CLOSURE_REASONS,
  REFERRAL_SOURCES,
  type ClosureReason,
  type ReferralSource,
} from './cin-codes';
import type { CaseResponse } from './dto/case.responses';

export interface CaseRow {
  id: string;
  stage: Stage;
  familyId: string;
  teamId: string;
  leadPractitionerId: string;
  childIds: string[];
  coWorkers: { userId: string; role: string; assignedAt: string }[];
  referralDate: string;
  referralSource: ReferralSource;
  restricted: boolean;
  needsEcpp: boolean;
  closureReason: ClosureReason | null;
  closedAt: Date | null;
  assessmentCompletedAt: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  cursorAt: string;
}

/** The response's columns beyond the gate's facts row (which has id, stage, family, team, lead,
 * children, restricted, version, referral date and assessment date). */
export const CASE_RESPONSE_COLUMNS = `
         COALESCE((SELECT json_agg(json_build_object('userId', w.user_id, 'role', w.role,
                                                     'assignedAt', w.assigned_at)
                                   ORDER BY w.assigned_at, w.id)
                     FROM case_co_worker w WHERE w.case_id = c.id AND w.ended_at IS NULL), '[]')
           AS "coWorkers",
         c.referral_source AS "referralSource", c.closure_reason AS "closureReason",
         (EXISTS (SELECT 1 FROM case_concern k WHERE k.case_id = c.id AND k.closed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM case_co_worker w2 WHERE w2.case_id = c.id AND w2.ended_at IS NULL))
           AS "needsEcpp", c.closed_at AS "closedAt",
         c.created_at AS "createdAt", c.updated_at AS "updatedAt",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

const CASE_SELECT = `
  SELECT c.id, c.stage, c.family_id AS "familyId", c.team_id AS "teamId",
         c.lead_practitioner_id AS "leadPractitionerId",
         COALESCE((SELECT array_agg(cc.person_id::text ORDER BY cc.person_id)
                     FROM case_child cc WHERE cc.case_id = c.id), '{}') AS "childIds",
         c.referral_date::text AS "referralDate", c.restricted, c.version,
         c.assessment_completed_at::text AS "assessmentCompletedAt",${CASE_RESPONSE_COLUMNS}
    FROM case_record c`;

export interface CaseListFilter {
  teamId?: string;
  stage?: Stage;
  leadPractitionerId?: string;
  limit: number;
  after: [string, string] | null;
}

export function toCaseResponse(r: CaseRow): CaseResponse {
  return {
    id: r.id,
    stage: r.stage,
    familyId: r.familyId,
    teamId: r.teamId,
    leadPractitionerId: r.leadPractitionerId,
    childIds: r.childIds,
    coWorkers: r.coWorkers.map((w) => ({
      userId: w.userId,
      role: w.role,
      assignedAt: new Date(w.assignedAt).toISOString(),
    })),
    referral: {
      date: r.referralDate,
      source: r.referralSource,
      sourceLabel: REFERRAL_SOURCES[r.referralSource],
    },
    restricted: r.restricted,
    needsEcpp: r.needsEcpp,
    closure:
      r.closureReason && r.closedAt
        ? {
            reason: r.closureReason,
            reasonLabel: CLOSURE_REASONS[r.closureReason],
            closedAt: new Date(r.closedAt).toISOString(),
          }
        : null,
    assessmentCompletedAt: r.assessmentCompletedAt,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** Read queries for case responses; every method takes the local authority. */
@Injectable()
export class CaseQueryRepository {
  async findOne(m: EntityManager, la: string, caseId: string): Promise<CaseResponse | null> {
    const rows: CaseRow[] = await m.query(
      `${CASE_SELECT} WHERE c.id = $1 AND c.local_authority_id = $2`,
      [caseId, la],
    );
    return rows[0] ? toCaseResponse(rows[0]) : null;
  }

  /** Cases of the LA visible to `actor` (restricted ones only to those who may open them),
   * newest first, keyset on (created_at, id). */
  async list(
    m: EntityManager,
    la: string,
    actor: Actor,
    f: CaseListFilter,
  ): Promise<Page<CaseResponse>> {
    const params: unknown[] = [la];
    const where = ['c.local_authority_id = $1'];
    where.push(caseFilterSql(actor, 'case.read', 'c', params));
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.teamId) add('c.team_id = ?', f.teamId);
    if (f.stage) add('c.stage = ?', f.stage);
    if (f.leadPractitionerId) add('c.lead_practitioner_id = ?', f.leadPractitionerId);
    if (f.after) {
      params.push(f.after[0], f.after[1]);
      where.push(
        `(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(f.limit + 1);
    const rows: CaseRow[] = await m.query(
      `${CASE_SELECT} WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toCaseResponse),
      nextCursor: rows.length > f.limit ? encodeCursor([last.cursorAt, last.id]) : null,
    };
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
}
