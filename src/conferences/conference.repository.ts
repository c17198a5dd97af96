/** Conferences: every query scoped by local authority. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from 'src/access/roles';
import type { ConferenceResponse } from './dto/conference.dto';

interface Row {
  id: string;
  case_id: string;
  type: ConferenceResponse['type'];
  child_ids: string[];
  scheduled_for: Date;
  chair_id: string;
  status: string;
  held_on: string | null;
  attendance: ConferenceResponse['attendance'];
  quorate: boolean | null;
  parents: ConferenceResponse['parents'];
  child_views: ConferenceResponse['childViews'];
  outcome: ConferenceResponse['outcome'];
  concluded_at: Date | null;
}

const COLUMNS = `k.id, k.case_id, k.type, k.child_ids, k.scheduled_for, k.chair_id, k.status,
  k.held_on::text AS held_on, k.attendance, k.quorate, k.parents, k.child_views, k.outcome,
  k.concluded_at`;

const toResponse = (r: Row): ConferenceResponse => ({
  id: r.id,
  caseId: r.case_id,
  type: r.type,
  childIds: r.child_ids,
  scheduledFor: new Date(r.scheduled_for).toISOString(),
  chairId: r.chair_id,
  status: r.status,
  heldOn: r.held_on,
  attendance: r.attendance,
  quorate: r.quorate,
  parents: r.parents,
  childViews: r.child_views,
  outcome: r.outcome,
  concludedAt: r.concluded_at ? new Date(r.concluded_at).toISOString() : null,
});

export interface ChairCandidate {
  roles: Role[];
  active: boolean;
  /** Lead, any ECPP ever on the case, a member of its team or of its ECPPs' CP teams. */
  involved: boolean;
}

@Injectable()
export class ConferenceRepository {
  async insert(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      type: string;
      childIds: string[];
      scheduledFor: string;
      chairId: string;
      scheduledById: string;
    },
  ): Promise<ConferenceResponse> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO cp_conference (case_id, local_authority_id, type, child_ids, scheduled_for,
                                  chair_id, scheduled_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.caseId, la, v.type, v.childIds, v.scheduledFor, v.chairId, v.scheduledById],
    );
    return (await this.find(m, la, rows[0].id)) as ConferenceResponse;
  }

  async find(m: EntityManager, la: string, id: string): Promise<ConferenceResponse | null> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM cp_conference k WHERE k.id = $1 AND k.local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ? toResponse(rows[0]) : null;
  }

  async findByCase(m: EntityManager, la: string, caseId: string): Promise<ConferenceResponse[]> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM cp_conference k
        WHERE k.case_id = $1 AND k.local_authority_id = $2 ORDER BY k.scheduled_for, k.id`,
      [caseId, la],
    );
    return rows.map(toResponse);
  }

  async recordHeld(
    m: EntityManager,
    la: string,
    id: string,
    v: {
      heldOn: string;
      attendance: unknown;
      quorate: boolean;
      parents: unknown;
      childViews: unknown;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE cp_conference SET status = 'held', held_on = $3, attendance = $4, quorate = $5,
              parents = $6, child_views = $7
        WHERE id = $1 AND local_authority_id = $2 AND status = 'scheduled'`,
      [
        id,
        la,
        v.heldOn,
        JSON.stringify(v.attendance),
        v.quorate,
        JSON.stringify(v.parents),
        v.childViews === null ? null : JSON.stringify(v.childViews),
      ],
    );
  }

  async recordOutcome(m: EntityManager, la: string, id: string, outcome: unknown): Promise<void> {
    await m.query(
      `UPDATE cp_conference SET status = 'concluded', outcome = $3, concluded_at = clock_timestamp()
        WHERE id = $1 AND local_authority_id = $2 AND status = 'held'`,
      [id, la, JSON.stringify(outcome)],
    );
  }

  /** A prospective chair of the LA and whether they are involved in the case. */
  async chairCandidate(
    m: EntityManager,
    la: string,
    userId: string,
    caseId: string,
  ): Promise<ChairCandidate | null> {
    const rows: { roles: Role[]; active: boolean; involved: boolean }[] = await m.query(
      `SELECT u.roles, u.active,
              (c.lead_practitioner_id = u.id
               OR EXISTS (SELECT 1 FROM case_co_worker w WHERE w.case_id = c.id AND w.user_id = u.id)
               OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = c.team_id AND tm.user_id = u.id)
               OR EXISTS (SELECT 1 FROM case_co_worker w
                            JOIN team_member et ON et.user_id = w.user_id
                            JOIN team t ON t.id = et.team_id AND t.kind = 'child_protection'
                            JOIN team_member mt ON mt.team_id = t.id AND mt.user_id = u.id
                           WHERE w.case_id = c.id AND w.ended_at IS NULL)) AS involved
         FROM app_user u JOIN case_record c ON c.id = $3 AND c.local_authority_id = $2
        WHERE u.id = $1 AND u.local_authority_id = $2`,
      [userId, la, caseId],
    );
    return rows[0] ?? null;
  }

  /** The case's active accountable ECPP, if any. */
  async accountableEcpp(m: EntityManager, la: string, caseId: string): Promise<string | null> {
    const rows: { user_id: string }[] = await m.query(
      `SELECT w.user_id FROM case_co_worker w JOIN case_record c ON c.id = w.case_id
        WHERE w.case_id = $1 AND c.local_authority_id = $2 AND w.ended_at IS NULL
          AND w.kind = 'accountable'`,
      [caseId, la],
    );
    return rows[0]?.user_id ?? null;
  }

  /**
   * The meeting a quorate conference stands for, in `case_meeting` (kind
   * `initial_cp_conference` for an initial, transfer-in or pre-birth conference, else
   * `review_cp_conference`): what the timescales — the TypeScript rules and the database's
   * indicator facts alike — count as the conference held.
   */
  async insertHeldMeeting(
    m: EntityManager,
    la: string,
    v: { caseId: string; type: string; heldOn: string; attendees: string[]; recordedById: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, attendees, summary,
                                 recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        v.caseId,
        la,
        v.type === 'review' ? 'review_cp_conference' : 'initial_cp_conference',
        v.heldOn,
        v.attendees,
        `Child protection conference (${v.type}), independently chaired`,
        v.recordedById,
      ],
    );
  }

  /** The LA's conference quorum: social care and at least this many other agencies. */
  async quorumOtherAgencies(m: EntityManager, la: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT conference_quorum_other_agencies AS n FROM local_authority WHERE id = $1`,
      [la],
    );
    return rows[0]?.n ?? 2;
  }

  /** Which of `ids` are unborn (no date of birth, an expected one), in the LA. */
  async unborn(m: EntityManager, la: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM person WHERE local_authority_id = $1 AND id = ANY($2::uuid[])
          AND date_of_birth IS NULL AND expected_date_of_birth IS NOT NULL ORDER BY id`,
      [la, ids],
    );
    return rows.map((r) => r.id);
  }
}
