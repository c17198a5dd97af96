/** Queries over decisions, their challenges and decision requests (tenancy in every query). */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CpCategory, DecisionType } from 'src/case-history/case-types';
import { actorNameSql } from 'src/common/display-names';
import type { ChallengeResponse, DecisionOrder, DecisionResponse } from './dto/decision.dto';
import type { DecisionRequestResponse, RequestStatus } from './dto/decision-request.dto';
import { CHALLENGE_COLUMNS, type ChallengeRow, toChallenge } from './decision-challenge.rows';
import { isoTimestampSql } from 'src/common/sql';

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

interface DecisionRow {
  id: string;
  case_id: string;
  type: DecisionType;
  rationale: string;
  child_ids: string[];
  effective_date: string;
  category: CpCategory | null;
  strategy_discussion_date: string | null;
  strategy_discussion_id: string | null;
  override_reason: string | null;
  conference_date: string | null;
  urgent: boolean;
  conference_id: string | null;
  exception: DecisionResponse['exception'];
  exception_reason: string | null;
  request_id: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  decided_by_id: string;
  decided_by_name: string | null;
  created_at: Date;
}

const DECISION_COLUMNS = `d.id, d.case_id, d.type, d.rationale, d.child_ids,
  d.effective_date::text AS effective_date, d.category,
  d.strategy_discussion_date::text AS strategy_discussion_date,
  d.strategy_discussion_id, d.override_reason,
  d.conference_date::text AS conference_date, d.urgent, d.conference_id, d.exception,
  d.exception_reason, d.request_id, d.supersedes_id,
  (SELECT s.id FROM decision s WHERE s.supersedes_id = d.id) AS superseded_by_id,
  d.decided_by_id, ${actorNameSql('d.decided_by_id', 'd.local_authority_id')} AS decided_by_name,
  d.created_at`;

function toDecision(r: DecisionRow, challenges: ChallengeResponse[] = []): DecisionResponse {
  return {
    id: r.id,
    caseId: r.case_id,
    type: r.type,
    rationale: r.rationale,
    childIds: r.child_ids,
    effectiveDate: r.effective_date,
    category: r.category,
    strategyDiscussionDate: r.strategy_discussion_date,
    strategyDiscussionId: r.strategy_discussion_id,
    overrideReason: r.override_reason,
    conferenceDate: r.conference_date,
    urgent: r.urgent,
    conferenceId: r.conference_id,
    exception: r.exception,
    exceptionReason: r.exception_reason,
    requestId: r.request_id,
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by_id,
    decidedById: r.decided_by_id,
    decidedByName: r.decided_by_name,
    createdAt: iso(r.created_at),
    challenges,
  };
}

interface RequestRow {
  id: string;
  case_id: string;
  type: DecisionType;
  view: string;
  requested_by_id: string;
  /** ISO 8601 (isoSql). */
  requested_at: string;
  requested_by_name: string | null;
  answered_by_decision_id: string | null;
}

const REQUESTED_BY_NAME = `${actorNameSql('requested_by_id', 'local_authority_id')} AS requested_by_name`;

const REQUEST_COLUMNS = `r.id, r.case_id, r.type, r.view, r.requested_by_id,
  ${isoTimestampSql('r.requested_at')} AS requested_at,
  ${actorNameSql('r.requested_by_id', 'r.local_authority_id')} AS requested_by_name,
  (SELECT d.id FROM decision d WHERE d.request_id = r.id) AS answered_by_decision_id`;

export const toRequest = (r: RequestRow): DecisionRequestResponse => ({
  id: r.id,
  caseId: r.case_id,
  type: r.type,
  view: r.view,
  requestedById: r.requested_by_id,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at,
  status: r.answered_by_decision_id ? 'answered' : 'open',
  answeredByDecisionId: r.answered_by_decision_id,
});

/** Decisions, challenges and decision requests. */
@Injectable()
export class DecisionRepository {
  /** Every decision of a case, oldest first, each with its challenges. */
  /** A case's decisions, in the order recorded or (`effective`) by effective date, then recorded. */
  async findCaseDecisions(
    m: EntityManager,
    la: string,
    caseId: string,
    order: DecisionOrder = 'recorded',
  ): Promise<DecisionResponse[]> {
    const orderBy =
      order === 'effective' ? 'd.effective_date, d.created_at, d.id' : 'd.created_at, d.id';
    const rows: DecisionRow[] = await m.query(
      `SELECT ${DECISION_COLUMNS} FROM decision d
        WHERE d.case_id = $1 AND d.local_authority_id = $2 ORDER BY ${orderBy}`,
      [caseId, la],
    );
    const challenges: ChallengeRow[] = await m.query(
      `SELECT ${CHALLENGE_COLUMNS} FROM decision_challenge
        WHERE case_id = $1 AND local_authority_id = $2 ORDER BY raised_at, id`,
      [caseId, la],
    );
    return rows.map((r) =>
      toDecision(r, challenges.filter((c) => c.decision_id === r.id).map(toChallenge)),
    );
  }

  async findDecision(
    m: EntityManager,
    la: string,
    caseId: string,
    decisionId: string,
  ): Promise<DecisionResponse | null> {
    const rows: DecisionRow[] = await m.query(
      `SELECT ${DECISION_COLUMNS} FROM decision d
        WHERE d.id = $1 AND d.case_id = $2 AND d.local_authority_id = $3`,
      [decisionId, caseId, la],
    );
    return rows[0] ? toDecision(rows[0]) : null;
  }

  async insertChallenge(
    m: EntityManager,
    v: { decisionId: string; caseId: string; la: string; view: string; raisedById: string },
  ): Promise<ChallengeResponse> {
    const rows: ChallengeRow[] = await m.query(
      `INSERT INTO decision_challenge (decision_id, case_id, local_authority_id, view, raised_by_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${CHALLENGE_COLUMNS}`,
      [v.decisionId, v.caseId, v.la, v.view, v.raisedById],
    );
    return toChallenge(rows[0]);
  }

  async insertRequest(
    m: EntityManager,
    v: { caseId: string; la: string; type: DecisionType; view: string; requestedById: string },
  ): Promise<DecisionRequestResponse> {
    const rows: Omit<RequestRow, 'answered_by_decision_id'>[] = await m.query(
      `INSERT INTO decision_request (case_id, local_authority_id, type, view, requested_by_id)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, case_id, type, view, requested_by_id, ${isoTimestampSql('requested_at')} AS requested_at,
                 ${REQUESTED_BY_NAME}`,
      [v.caseId, v.la, v.type, v.view, v.requestedById],
    );
    return toRequest({ ...rows[0], answered_by_decision_id: null });
  }

  async findCaseRequest(
    m: EntityManager,
    la: string,
    caseId: string,
    requestId: string,
  ): Promise<DecisionRequestResponse | null> {
    const rows: RequestRow[] = await m.query(
      `SELECT ${REQUEST_COLUMNS} FROM decision_request r
        WHERE r.id = $1 AND r.case_id = $2 AND r.local_authority_id = $3`,
      [requestId, caseId, la],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async findCaseRequests(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<DecisionRequestResponse[]> {
    const rows: RequestRow[] = await m.query(
      `SELECT ${REQUEST_COLUMNS} FROM decision_request r
        WHERE r.case_id = $1 AND r.local_authority_id = $2 ORDER BY r.requested_at, r.id`,
      [caseId, la],
    );
    return rows.map(toRequest);
  }

  /**
   * Requests on the cases `ecppId` currently co-works, oldest first, keyset-paginated on
   * (requested_at, id). `after` is the last row of the previous page. Read from the ECPP's own
   * co-worked cases (their requests by `ix_decision_request_case`) and sorted: walking the LA's
   * requests in order skipped every answered one first, a cost growing with the LA's history.
   */
  async findRequestsForEcpp(
    m: EntityManager,
    la: string,
    ecppId: string,
    status: RequestStatus,
    limit: number,
    after: [string, string] | null,
  ): Promise<{ request: DecisionRequestResponse; cursorAt: string }[]> {
    const rows: (RequestRow & { cursor_at: string })[] = await m.query(
      `SELECT ${REQUEST_COLUMNS}, r.requested_at::text AS cursor_at
         FROM decision_request r
        WHERE r.local_authority_id = $1
          AND r.case_id = ANY (ARRAY(SELECT w.case_id FROM case_co_worker w
                                      WHERE w.user_id = $2 AND w.ended_at IS NULL))
          AND ${status === 'open' ? 'NOT' : ''} EXISTS (SELECT 1 FROM decision d WHERE d.request_id = r.id)
          AND ($4::timestamptz IS NULL OR (r.requested_at, r.id) > ($4::timestamptz, $5::uuid))
        ORDER BY r.requested_at, r.id
        LIMIT $3`,
      [la, ecppId, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    );
    return rows.map((r) => ({ request: toRequest(r), cursorAt: r.cursor_at }));
  }

  /** The user's active ECPP assignment on the case, with its kind and dates. */
  async findActiveAssignment(
    m: EntityManager,
    la: string,
    caseId: string,
    userId: string,
  ): Promise<{ kind: 'accountable' | 'cover'; assignedOn: string; coverTo: string | null } | null> {
    const rows: { kind: 'accountable' | 'cover'; assigned_on: string; cover_to: string | null }[] =
      await m.query(
        `SELECT w.kind, w.assigned_on::text AS assigned_on, w.cover_to::text AS cover_to
           FROM case_co_worker w JOIN case_record c ON c.id = w.case_id
          WHERE w.case_id = $1 AND w.user_id = $2 AND w.ended_at IS NULL
            AND c.local_authority_id = $3`,
        [caseId, userId, la],
      );
    const r = rows[0];
    return r ? { kind: r.kind, assignedOn: r.assigned_on, coverTo: r.cover_to } : null;
  }

  /** A conference of the case: its type, status, held date and per-child outcome. */
  async findConference(
    m: EntityManager,
    la: string,
    caseId: string,
    id: string,
  ): Promise<{
    type: string;
    status: string;
    heldOn: string | null;
    children: { childId: string; plan: string; category?: string }[];
  } | null> {
    const rows: {
      type: string;
      status: string;
      held_on: string | null;
      outcome: { children: { childId: string; plan: string; category?: string }[] } | null;
    }[] = await m.query(
      `SELECT type, status, held_on::text AS held_on, outcome FROM cp_conference
        WHERE id = $1 AND case_id = $2 AND local_authority_id = $3`,
      [id, caseId, la],
    );
    const r = rows[0];
    return r
      ? { type: r.type, status: r.status, heldOn: r.held_on, children: r.outcome?.children ?? [] }
      : null;
  }

  /** Dates of birth of `ids` (null while unborn, or unknown), in the LA. */
  async datesOfBirth(
    m: EntityManager,
    la: string,
    ids: string[],
  ): Promise<{ id: string; dateOfBirth: string | null; unborn: boolean }[]> {
    return m.query(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
              (date_of_birth IS NULL AND expected_date_of_birth IS NOT NULL) AS unborn
         FROM person WHERE local_authority_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`,
      [la, ids],
    );
  }
}
