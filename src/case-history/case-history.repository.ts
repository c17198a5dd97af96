/**
 * Loads a case's history — concerns raised, decisions recorded, closures and reopenings — in
 * the order they happened, as the plain entries `replay()` folds (src/cases/case-state.ts).
 * Shared with the case close/reopen endpoints: `checkClose(replay(await history.load(m, la, id)))`.
 *
 * Callers that are about to add to the history lock the case row first (`SELECT … FOR
 * UPDATE`), so the history read here cannot change underneath them.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { writeReturning } from 'src/common/sql';
import type { CaseHistoryEntry, CpCategory, DecisionType } from './case-types';

export type { CaseHistoryEntry };

export interface HistoryRow {
  case_id: string;
  kind: 'concern_raised' | 'decision' | 'closed' | 'reopened';
  id: string;
  at: string;
  child_ids: string[] | null;
  type: DecisionType | null;
  effective_date: string | null;
  category: CpCategory | null;
  strategy_discussion_date: string | null;
  conference_date: string | null;
  urgent: boolean | null;
  supersedes_id: string | null;
  reason: string | null;
  /** `apply_for_care_proceedings` / `conclude_care_proceedings`: from the decision's detail. */
  issued_on?: string | null;
  concluded_on?: string | null;
}

/**
 * The three sources as one UNION for the cases matched by `match` (an SQL fragment applied to
 * each source's case_id, e.g. `= ANY($1::uuid[])` or `= c.id` inside a correlated subquery),
 * in the local authority `la` (an SQL expression, e.g. `$2` or `c.local_authority_id`).
 */
export function historyUnionSql(match: string, la: string): string {
  return HISTORY_UNION.replaceAll('= ANY($1::uuid[])', match).replaceAll(
    'local_authority_id = $2',
    `local_authority_id = ${la}`,
  );
}

const HISTORY_UNION = `
  SELECT case_id, 'concern_raised' AS kind, id::text AS id, raised_at AS ts,
         raised_on::text AS at, child_ids,
         NULL AS type, NULL AS effective_date, NULL AS category, NULL AS strategy_discussion_date,
         NULL AS conference_date, NULL::boolean AS urgent, NULL AS supersedes_id, NULL AS reason,
         NULL AS issued_on, NULL AS concluded_on
    FROM case_concern WHERE case_id = ANY($1::uuid[]) AND local_authority_id = $2
  UNION ALL
  SELECT case_id, 'decision', id::text, created_at, effective_date::text, child_ids,
         type, effective_date::text, category, strategy_discussion_date::text,
         conference_date::text, urgent, supersedes_id::text, NULL,
         CASE WHEN type = 'apply_for_care_proceedings' THEN
           (SELECT pd.issued_on::text FROM proceedings_decision_detail pd
             WHERE pd.decision_id = decision.id) END,
         CASE WHEN type = 'conclude_care_proceedings' THEN
           (SELECT pd.concluded_on::text FROM proceedings_decision_detail pd
             WHERE pd.decision_id = decision.id) END
    FROM decision WHERE case_id = ANY($1::uuid[]) AND local_authority_id = $2
  UNION ALL
  SELECT case_id, CASE type WHEN 'case_closed' THEN 'closed' ELSE 'reopened' END, id::text, at,
         COALESCE(data->>'closedOn', data->'referral'->>'date',
                  (at AT TIME ZONE 'Europe/London')::date::text),
         NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, data->>'reason', NULL, NULL
    FROM case_event WHERE case_id = ANY($1::uuid[]) AND local_authority_id = $2 AND type IN ('case_closed', 'case_reopened')`;

/** One query over the three sources, ordered by when each entry was written. */
const HISTORY_SQL = `${HISTORY_UNION}
  ORDER BY case_id, ts, id`;

export function toEntry(row: HistoryRow): CaseHistoryEntry {
  switch (row.kind) {
    case 'concern_raised':
      return { kind: 'concern_raised', id: row.id, childIds: row.child_ids ?? [], at: row.at };
    case 'closed':
      return { kind: 'closed', at: row.at, reason: row.reason ?? '' };
    case 'reopened':
      return { kind: 'reopened', at: row.at };
    case 'decision':
      return {
        kind: 'decision',
        id: row.id,
        type: row.type as DecisionType,
        childIds: row.child_ids ?? [],
        effectiveDate: row.effective_date as string,
        ...(row.category ? { category: row.category } : {}),
        ...(row.strategy_discussion_date
          ? { strategyDiscussionDate: row.strategy_discussion_date }
          : {}),
        ...(row.conference_date ? { conferenceDate: row.conference_date } : {}),
        ...(row.urgent ? { urgent: true } : {}),
        ...(row.issued_on ? { issuedOn: row.issued_on } : {}),
        ...(row.concluded_on ? { concludedOn: row.concluded_on } : {}),
        supersedesId: row.supersedes_id,
      };
  }
}

/** A case's history (concerns, decisions, closures) as replay entries, and concern rows kept in step with a replay. */
@Injectable()
export class CaseHistoryRepository {
  /** The histories of several cases at once (one query), keyed by case id. */
  async loadMany(
    manager: EntityManager,
    la: string,
    caseIds: readonly string[],
  ): Promise<Map<string, CaseHistoryEntry[]>> {
    const out = new Map<string, CaseHistoryEntry[]>(caseIds.map((id) => [id, []]));
    if (caseIds.length === 0) return out;
    const rows: HistoryRow[] = await manager.query(HISTORY_SQL, [caseIds, la]);
    for (const row of rows) out.get(row.case_id)?.push(toEntry(row));
    return out;
  }

  /** The history of one case, oldest first. */
  async load(manager: EntityManager, la: string, caseId: string): Promise<CaseHistoryEntry[]> {
    return (await this.loadMany(manager, la, [caseId])).get(caseId) ?? [];
  }

  /**
   * Concern rows mirror the replayed state: closed when replay no longer has them open, reopened
   * when it has them open again, in one statement (the two sets are disjoint: a row is closed
   * only while open and reopened only while closed). Returns the ids it closed and reopened (for
   * the timeline).
   */
  async syncConcerns(
    m: EntityManager,
    la: string,
    caseId: string,
    openIds: readonly string[],
    decisionId: string | null,
  ): Promise<{ closed: string[]; reopened: string[] }> {
    // SET reads each row's old `closed_at`; RETURNING its new one.
    const changed = await writeReturning<{ id: string; closed: boolean }>(
      m,
      `UPDATE case_concern
          SET closed_at = CASE WHEN closed_at IS NULL THEN clock_timestamp() END,
              closed_by_decision_id = CASE WHEN closed_at IS NULL THEN $2::uuid END
        WHERE case_id = $1 AND local_authority_id = $4
          AND (closed_at IS NULL) = NOT (id = ANY($3::uuid[]))
        RETURNING id, closed_at IS NOT NULL AS closed`,
      [caseId, decisionId, openIds, la],
    );
    const ids = (closed: boolean) =>
      changed
        .filter((r) => r.closed === closed)
        .map((r) => r.id)
        .sort();
    return { closed: ids(true), reopened: ids(false) };
  }
}
