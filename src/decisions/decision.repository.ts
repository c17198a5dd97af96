/** Queries over decisions, their challenges and decision requests (tenancy in every query). */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DecisionType } from 'src/case-history/case-types';
import { actorNameSql } from 'src/common/display-names';
import type { ChallengeResponse, DecisionOrder, DecisionResponse } from './dto/decision.dto';
import type { DecisionRequestResponse, RequestStatus } from './dto/decision-request.dto';
import { CHALLENGE_COLUMNS, type ChallengeRow, toChallenge } from './decision-challenge.rows';
import { isoTimestampSql } from 'src/common/sql';
import type { DecisionRow as NewDecisionRow } from './decision-row';
import { DECISION_COLUMNS, type DecisionRow, toDecision } from './decision.rows';

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

  /** Inserts the decision and returns it as `findDecision` would: one statement, the response's
   * columns in its RETURNING (a decision is never updated afterwards: append-only). */
  async insertDecision(m: EntityManager, r: NewDecisionRow): Promise<DecisionResponse> {
    const rows: DecisionRow[] = await m.query(
      `INSERT INTO decision AS d (id, case_id, local_authority_id, type, rationale, child_ids,
              effective_date, category, strategy_discussion_date, strategy_discussion_id,
              override_reason, conference_date, urgent, conference_id, exception, exception_reason,
              request_id, supersedes_id, decided_by_id)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::date, $8, $9::date, $10, $11, $12::date, $13,
               $14, $15, $16, $17, $18, $19)
       RETURNING ${DECISION_COLUMNS}`,
      [
        r.id,
        r.caseId,
        r.localAuthorityId,
        r.type,
        r.rationale,
        r.childIds,
        r.effectiveDate,
        r.category,
        r.strategyDiscussionDate,
        r.strategyDiscussionId,
        r.overrideReason,
        r.conferenceDate,
        r.urgent,
        r.conferenceId,
        r.exception,
        r.exceptionReason,
        r.requestId,
        r.supersedesId,
        r.decidedById,
      ],
    );
    return toDecision(rows[0]);
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
