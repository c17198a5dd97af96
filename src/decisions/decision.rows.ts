/** A decision as read: its columns (with who decided, named within the case's LA) and its
 * response. */
import type { CpCategory, DecisionType } from 'src/case-history/case-types';
import { actorNameSql } from 'src/common/display-names';
import type { ChallengeResponse, DecisionResponse } from './dto/decision.dto';

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export interface DecisionRow {
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

export const DECISION_COLUMNS = `d.id, d.case_id, d.type, d.rationale, d.child_ids,
  d.effective_date::text AS effective_date, d.category,
  d.strategy_discussion_date::text AS strategy_discussion_date,
  d.strategy_discussion_id, d.override_reason,
  d.conference_date::text AS conference_date, d.urgent, d.conference_id, d.exception,
  d.exception_reason, d.request_id, d.supersedes_id,
  (SELECT s.id FROM decision s WHERE s.supersedes_id = d.id) AS superseded_by_id,
  d.decided_by_id, ${actorNameSql('d.decided_by_id', 'd.local_authority_id')} AS decided_by_name,
  d.created_at`;

export function toDecision(r: DecisionRow, challenges: ChallengeResponse[] = []): DecisionResponse {
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
