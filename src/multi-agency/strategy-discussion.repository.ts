import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  Contribution,
  DiscussionStatus,
  Invitee,
  Participant,
} from './strategy-discussion.rules';
import type {
  OutcomeResponse,
  StrategyDiscussionRequestResponse,
} from './dto/strategy-discussion.responses';

export interface DiscussionRow {
  id: string;
  caseId: string;
  localAuthorityId: string;
  teamId: string | null;
  status: DiscussionStatus;
  childIds: string[];
  concernIds: string[];
  scheduledFor: string;
  format: 'meeting' | 'call';
  invitees: Invitee[];
  heldOn: string | null;
  participants: Participant[];
  contributions: Contribution[];
  cancelledReason: string | null;
  requestId: string | null;
  createdById: string;
  createdAt: string;
}

export interface OutcomeRow extends OutcomeResponse {
  discussionId: string;
  supersededById: string | null;
}

const DISCUSSION_COLUMNS = `d.id, d.case_id AS "caseId", d.local_authority_id AS "localAuthorityId",
  d.team_id AS "teamId", d.status, d.child_ids::text[] AS "childIds",
  d.concern_ids::text[] AS "concernIds",
  to_char(d.scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "scheduledFor",
  d.format, d.invitees, d.held_on::text AS "heldOn", d.participants, d.contributions,
  d.cancelled_reason AS "cancelledReason", d.request_id AS "requestId",
  d.created_by_id AS "createdById",
  to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

const OUTCOME_COLUMNS = `o.id, o.discussion_id AS "discussionId", o.s47,
  o.immediate_protection AS "immediateProtection", o.medical, o.abe_interview AS "abeInterview",
  o.parents_informed AS "parentsInformed", o.rationale, o.dissent,
  o.next_discussion_on::text AS "nextDiscussionOn", o.supersedes_id AS "supersedesId",
  (SELECT n.id FROM strategy_discussion_outcome n WHERE n.supersedes_id = o.id) AS "supersededById",
  o.recorded_by_id AS "recordedById",
  to_char(o.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"`;

/** Strategy discussions, their outcomes and the requests for them (every method takes the LA). */
@Injectable()
export class StrategyDiscussionRepository {
  async insert(
    m: EntityManager,
    la: string,
    row: Pick<
      DiscussionRow,
      'caseId' | 'teamId' | 'childIds' | 'concernIds' | 'scheduledFor' | 'format' | 'invitees'
    > & { requestId: string | null; createdById: string },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO strategy_discussion (case_id, local_authority_id, team_id, child_ids, concern_ids,
              scheduled_for, format, invitees, status, request_id, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', $9, $10) RETURNING id`,
      [
        row.caseId,
        la,
        row.teamId,
        row.childIds,
        row.concernIds,
        row.scheduledFor,
        row.format,
        JSON.stringify(row.invitees),
        row.requestId,
        row.createdById,
      ],
    );
    return rows[0].id;
  }

  async find(m: EntityManager, la: string, id: string): Promise<DiscussionRow | null> {
    const rows: DiscussionRow[] = await m.query(
      `SELECT ${DISCUSSION_COLUMNS} FROM strategy_discussion d
        WHERE d.id = $1 AND d.local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  async listForCase(m: EntityManager, la: string, caseId: string): Promise<DiscussionRow[]> {
    return m.query(
      `SELECT ${DISCUSSION_COLUMNS} FROM strategy_discussion d
        WHERE d.case_id = $1 AND d.local_authority_id = $2 ORDER BY d.scheduled_for, d.id`,
      [caseId, la],
    );
  }

  /** Every outcome of the discussions, oldest first. */
  async outcomes(m: EntityManager, la: string, discussionIds: string[]): Promise<OutcomeRow[]> {
    if (!discussionIds.length) return [];
    return m.query(
      `SELECT ${OUTCOME_COLUMNS} FROM strategy_discussion_outcome o
        WHERE o.discussion_id = ANY($1::uuid[]) AND o.local_authority_id = $2
        ORDER BY o.recorded_at, o.id`,
      [discussionIds, la],
    );
  }

  async setHeld(
    m: EntityManager,
    la: string,
    id: string,
    held: { heldOn: string; participants: Participant[]; contributions: Contribution[] },
  ): Promise<void> {
    await m.query(
      `UPDATE strategy_discussion SET status = 'held', held_on = $3, participants = $4, contributions = $5
        WHERE id = $1 AND local_authority_id = $2 AND status = 'scheduled'`,
      [id, la, held.heldOn, JSON.stringify(held.participants), JSON.stringify(held.contributions)],
    );
  }

  async setStatus(
    m: EntityManager,
    la: string,
    id: string,
    status: DiscussionStatus,
    cancelledReason: string | null = null,
  ): Promise<void> {
    await m.query(
      `UPDATE strategy_discussion SET status = $3, cancelled_reason = COALESCE($4, cancelled_reason)
        WHERE id = $1 AND local_authority_id = $2`,
      [id, la, status, cancelledReason],
    );
  }

  async addContribution(m: EntityManager, la: string, id: string, c: Contribution) {
    await m.query(
      `UPDATE strategy_discussion SET contributions = contributions || $3::jsonb
        WHERE id = $1 AND local_authority_id = $2`,
      [id, la, JSON.stringify([c])],
    );
  }

  /** Whether the s47 enquiry the discussion agreed is open (see the entity). */
  async setEnquiryOpen(m: EntityManager, la: string, id: string, open: boolean) {
    await m.query(
      `UPDATE strategy_discussion SET enquiry_open = $3 WHERE id = $1 AND local_authority_id = $2`,
      [id, la, open],
    );
  }

  /** The case's s47 enquiry ended: no discussion of it keeps an enquiry open. */
  async endEnquiries(m: EntityManager, la: string, caseId: string) {
    await m.query(
      `UPDATE strategy_discussion SET enquiry_open = false
        WHERE case_id = $1 AND local_authority_id = $2 AND enquiry_open`,
      [caseId, la],
    );
  }

  /** The caller's current MACPT membership of a team (null: none). */
  async macptMembership(
    m: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<{ agency: string } | null> {
    const rows: { agency: string }[] = await m.query(
      `SELECT agency FROM team_member
        WHERE team_id = $1 AND user_id = $2 AND statutory_role IS NOT NULL`,
      [teamId, userId],
    );
    return rows[0] ?? null;
  }

  async insertOutcome(
    m: EntityManager,
    la: string,
    o: Omit<OutcomeRow, 'id' | 'recordedAt' | 'supersededById'>,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO strategy_discussion_outcome (discussion_id, local_authority_id, s47,
              immediate_protection, medical, abe_interview, parents_informed, rationale, dissent,
              next_discussion_on, supersedes_id, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        o.discussionId,
        la,
        o.s47,
        o.immediateProtection,
        o.medical,
        o.abeInterview,
        JSON.stringify(o.parentsInformed),
        o.rationale,
        JSON.stringify(o.dissent),
        o.nextDiscussionOn,
        o.supersedesId,
        o.recordedById,
      ],
    );
    return rows[0].id;
  }

  /** The case's concerns among `ids`: when raised, and whether still open. */
  async concerns(
    m: EntityManager,
    la: string,
    caseId: string,
    ids: string[],
  ): Promise<{ id: string; raisedOn: string; open: boolean }[]> {
    return m.query(
      `SELECT id, raised_on::text AS "raisedOn", closed_at IS NULL AS open FROM case_concern
        WHERE case_id = $1 AND local_authority_id = $2 AND id = ANY($3::uuid[])`,
      [caseId, la, ids],
    );
  }

  /** Users of the LA among `ids`, with their agency. */
  async users(
    m: EntityManager,
    la: string,
    ids: string[],
  ): Promise<{ id: string; agency: string | null }[]> {
    if (!ids.length) return [];
    return m.query(
      `SELECT id, agency FROM app_user WHERE local_authority_id = $1 AND id = ANY($2::uuid[])`,
      [la, ids],
    );
  }

  /** The caller's child-protection team (the first by name), which runs the discussion. */
  async cpTeamOf(m: EntityManager, la: string, userId: string): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `SELECT t.id FROM team t JOIN team_member tm ON tm.team_id = t.id
        WHERE t.local_authority_id = $1 AND tm.user_id = $2 AND t.kind = 'child_protection'
        ORDER BY t.name, t.id LIMIT 1`,
      [la, userId],
    );
    return rows[0]?.id ?? null;
  }

  async insertRequest(
    m: EntityManager,
    la: string,
    r: { caseId: string; childIds: string[]; reason: string; requestedById: string },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO strategy_discussion_request (case_id, local_authority_id, child_ids, reason, requested_by_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [r.caseId, la, r.childIds, r.reason, r.requestedById],
    );
    return rows[0].id;
  }

  async requests(
    m: EntityManager,
    la: string,
    caseId: string,
    id?: string,
  ): Promise<StrategyDiscussionRequestResponse[]> {
    return m.query(
      `SELECT id, case_id AS "caseId", child_ids::text[] AS "childIds", reason, status,
              answered_by_discussion_id AS "answeredByDiscussionId", requested_by_id AS "requestedById",
              to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "requestedAt"
         FROM strategy_discussion_request
        WHERE case_id = $1 AND local_authority_id = $2 AND ($3::uuid IS NULL OR id = $3)
        ORDER BY requested_at, id`,
      [caseId, la, id ?? null],
    );
  }

  async answerRequest(m: EntityManager, la: string, id: string, discussionId: string) {
    await m.query(
      `UPDATE strategy_discussion_request SET status = 'answered', answered_by_discussion_id = $3
        WHERE id = $1 AND local_authority_id = $2 AND status = 'open'`,
      [id, la, discussionId],
    );
  }
}
