/** Queries for concerns and co-worker assignments; every query is scoped by local authority. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from 'src/access/roles';
import { actorNameSql, teamNameSql } from 'src/common/display-names';
import { writeReturning } from 'src/common/sql';
import type {
  CoWorkerResponse,
  ConcernResponse,
  UnallocatedConcernResponse,
} from './dto/co-working.dto';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

interface ConcernRow {
  id: string;
  case_id: string;
  raised_by_id: string;
  child_ids: string[];
  summary: string;
  raised_on: string;
  raised_at: Date;
  closed_at: Date | null;
  closed_by_decision_id: string | null;
}

/**
 * When the concern was closed: by a decision (closed_at), or by the case being closed after it
 * was raised (a closure ends every open concern; replay agrees, see case-state.ts).
 */
const CONCERN_CLOSED_AT = `COALESCE(k.closed_at, (SELECT min(e.at) FROM case_event e
  WHERE e.case_id = k.case_id AND e.type = 'case_closed' AND e.at > k.raised_at))`;

const CONCERN_COLUMNS = `k.id, k.case_id, k.raised_by_id, k.child_ids, k.summary,
  k.raised_on::text AS raised_on, k.raised_at,
  ${CONCERN_CLOSED_AT} AS closed_at, k.closed_by_decision_id`;

export const toConcern = (r: ConcernRow): ConcernResponse => ({
  id: r.id,
  caseId: r.case_id,
  raisedById: r.raised_by_id,
  childIds: r.child_ids,
  summary: r.summary,
  raisedOn: r.raised_on,
  raisedAt: iso(r.raised_at) as string,
  status: r.closed_at ? 'closed' : 'open',
  closedAt: iso(r.closed_at),
  closedByDecisionId: r.closed_by_decision_id,
});

interface CoWorkerRow {
  id: string;
  case_id: string;
  user_id: string;
  role: string;
  assigned_by_id: string;
  assigned_at: Date;
  assigned_on: string;
  kind: 'accountable' | 'cover';
  cover_to: string | null;
  ended_at: Date | null;
  end_reason: string | null;
}

const CO_WORKER_COLUMNS = `w.id, w.case_id, w.user_id, w.role, w.assigned_by_id, w.assigned_at,
  w.assigned_on::text AS assigned_on, w.kind, w.cover_to::text AS cover_to, w.ended_at, w.end_reason`;

export const toCoWorker = (r: CoWorkerRow): CoWorkerResponse => ({
  id: r.id,
  caseId: r.case_id,
  userId: r.user_id,
  role: r.role,
  assignedById: r.assigned_by_id,
  assignedAt: iso(r.assigned_at) as string,
  assignedOn: r.assigned_on,
  kind: r.kind,
  to: r.cover_to,
  endedAt: iso(r.ended_at),
  endReason: r.end_reason,
  active: r.ended_at === null,
});

export interface CandidateEcpp {
  id: string;
  name: string;
  roles: Role[];
  active: boolean;
  inCpTeam: boolean;
  /** A member of a child_protection team with the profession `social_worker`. */
  cpSocialWorker: boolean;
  /** A member of the case's own (Family Help) team. */
  inCaseTeam: boolean;
}

/** Concerns and ECPP co-worker assignments. */
@Injectable()
export class CoWorkingRepository {
  async insertConcern(
    m: EntityManager,
    v: {
      caseId: string;
      la: string;
      raisedById: string;
      childIds: string[];
      summary: string;
      raisedOn: string;
    },
  ): Promise<ConcernResponse> {
    const rows: ConcernRow[] = await m.query(
      `INSERT INTO case_concern AS k (case_id, local_authority_id, raised_by_id, child_ids, summary,
                                      raised_on)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING k.id, k.case_id, k.raised_by_id, k.child_ids, k.summary,
                 k.raised_on::text AS raised_on, k.raised_at, k.closed_at, k.closed_by_decision_id`,
      [v.caseId, v.la, v.raisedById, v.childIds, v.summary, v.raisedOn],
    );
    return toConcern(rows[0]);
  }

  async findCaseConcerns(m: EntityManager, la: string, caseId: string): Promise<ConcernResponse[]> {
    const rows: ConcernRow[] = await m.query(
      `SELECT ${CONCERN_COLUMNS} FROM case_concern k
        WHERE k.case_id = $1 AND k.local_authority_id = $2 ORDER BY k.raised_at, k.id`,
      [caseId, la],
    );
    return rows.map(toConcern);
  }

  /**
   * Open concerns on open cases of the LA with no ECPP currently assigned, oldest first
   * (keyset on raised_at, id).
   */
  async findUnallocatedConcerns(
    m: EntityManager,
    la: string,
    limit: number,
    after: [string, string] | null,
  ): Promise<(UnallocatedConcernResponse & { cursorAt: string })[]> {
    const rows: (ConcernRow & {
      team_id: string;
      lead_practitioner_id: string;
      stage: string;
      cursor_at: string;
      team_name: string | null;
      lead_practitioner_name: string | null;
      raised_by_name: string | null;
    })[] = await m.query(
      `SELECT ${CONCERN_COLUMNS}, c.team_id, c.lead_practitioner_id, c.stage,
              k.raised_at::text AS cursor_at,
              ${teamNameSql('c.team_id', 'c.local_authority_id')} AS team_name,
              ${actorNameSql('c.lead_practitioner_id', 'c.local_authority_id')} AS lead_practitioner_name,
              ${actorNameSql('k.raised_by_id', 'k.local_authority_id')} AS raised_by_name
         FROM case_concern k JOIN case_record c ON c.id = k.case_id
        WHERE k.local_authority_id = $1 AND k.closed_at IS NULL AND c.stage <> 'closed'
          AND ${CONCERN_CLOSED_AT} IS NULL
          AND NOT EXISTS (SELECT 1 FROM case_co_worker w
                           WHERE w.case_id = k.case_id AND w.ended_at IS NULL)
          AND ($3::timestamptz IS NULL OR (k.raised_at, k.id) > ($3::timestamptz, $4::uuid))
        ORDER BY k.raised_at, k.id
        LIMIT $2`,
      [la, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    );
    return rows.map((r) => ({
      ...toConcern(r),
      teamId: r.team_id,
      leadPractitionerId: r.lead_practitioner_id,
      stage: r.stage,
      teamName: r.team_name,
      leadPractitionerName: r.lead_practitioner_name,
      raisedByName: r.raised_by_name,
      cursorAt: r.cursor_at,
    }));
  }

  /** Every assignment on the case (current and ended), in the order they were made. */
  async findCaseCoWorkers(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<CoWorkerResponse[]> {
    const rows: CoWorkerRow[] = await m.query(
      `SELECT ${CO_WORKER_COLUMNS} FROM case_co_worker w JOIN case_record c ON c.id = w.case_id
        WHERE w.case_id = $1 AND c.local_authority_id = $2 ORDER BY w.assigned_at, w.id`,
      [caseId, la],
    );
    return rows.map(toCoWorker);
  }

  async insertCoWorker(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      userId: string;
      assignedById: string;
      assignedOn: string;
      kind: 'accountable' | 'cover';
      to: string | null;
    },
  ): Promise<CoWorkerResponse> {
    const rows: CoWorkerRow[] = await m.query(
      `INSERT INTO case_co_worker AS w (case_id, user_id, role, assigned_by_id, assigned_at,
                                        assigned_on, kind, cover_to)
       SELECT c.id, $2, 'ecpp', $3, clock_timestamp(), $5, $6, $7 FROM case_record c
        WHERE c.id = $1 AND c.local_authority_id = $4
       RETURNING ${CO_WORKER_COLUMNS}`,
      [v.caseId, v.userId, v.assignedById, la, v.assignedOn, v.kind, v.to],
    );
    return toCoWorker(rows[0]);
  }

  async endCoWorker(
    m: EntityManager,
    la: string,
    caseId: string,
    userId: string,
    reason: string,
  ): Promise<CoWorkerResponse | null> {
    const rows = await writeReturning<CoWorkerRow>(
      m,
      `UPDATE case_co_worker w SET ended_at = clock_timestamp(), end_reason = $3
        WHERE w.case_id = $1 AND w.user_id = $2 AND w.ended_at IS NULL
          AND EXISTS (SELECT 1 FROM case_record c WHERE c.id = w.case_id AND c.local_authority_id = $4)
        RETURNING ${CO_WORKER_COLUMNS}`,
      [caseId, userId, reason, la],
    );
    return rows[0] ? toCoWorker(rows[0]) : null;
  }

  /** A user of the LA with what makes them assignable as ECPP; null if not in this LA. */
  async findCandidateEcpp(
    m: EntityManager,
    la: string,
    userId: string,
    caseId: string,
  ): Promise<CandidateEcpp | null> {
    const rows: {
      id: string;
      name: string;
      roles: Role[];
      active: boolean;
      in_cp_team: boolean;
      cp_social_worker: boolean;
      in_case_team: boolean;
    }[] = await m.query(
      `SELECT u.id, u.name, u.roles, u.active,
                EXISTS (SELECT 1 FROM team_member tm JOIN team t ON t.id = tm.team_id
                         WHERE tm.user_id = u.id AND t.kind = 'child_protection'
                           AND t.local_authority_id = u.local_authority_id) AS in_cp_team,
                EXISTS (SELECT 1 FROM team_member tm JOIN team t ON t.id = tm.team_id
                         WHERE tm.user_id = u.id AND t.kind = 'child_protection'
                           AND tm.profession = 'social_worker'
                           AND t.local_authority_id = u.local_authority_id) AS cp_social_worker,
                EXISTS (SELECT 1 FROM team_member tm JOIN case_record c ON c.team_id = tm.team_id
                         WHERE tm.user_id = u.id AND c.id = $3) AS in_case_team
           FROM app_user u WHERE u.id = $1 AND u.local_authority_id = $2`,
      [userId, la, caseId],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          name: r.name,
          roles: r.roles,
          active: r.active,
          inCpTeam: r.in_cp_team,
          cpSocialWorker: r.cp_social_worker,
          inCaseTeam: r.in_case_team,
        }
      : null;
  }
}
