import type { Actor } from 'src/access/actor';
import type { CaseContext } from 'src/access/access.service';
import type { toEntry } from './decision-validation';
import type { RecordDecisionDto } from './dto/decision.dto';

/** The fields of a decision its audit row records. */
export const AUDITED_FIELDS = [
  'type',
  'rationale',
  'childIds',
  'effectiveDate',
  'category',
  'strategyDiscussionDate',
  'strategyDiscussionId',
  'overrideReason',
  'conferenceDate',
  'urgent',
  'conferenceId',
  'exception',
  'exceptionReason',
  'requestId',
  'supersedesId',
] as const;

/** The decision row a recorded decision inserts. */
export function decisionRow(
  id: string,
  c: CaseContext,
  actor: Actor,
  dto: RecordDecisionDto,
  entry: ReturnType<typeof toEntry>,
) {
  return {
    id,
    caseId: c.id,
    localAuthorityId: c.localAuthorityId,
    type: dto.type,
    rationale: dto.rationale,
    childIds: dto.childIds,
    effectiveDate: dto.effectiveDate,
    category: dto.category ?? null,
    strategyDiscussionDate: entry.strategyDiscussionDate ?? null,
    strategyDiscussionId: dto.strategyDiscussionId ?? null,
    overrideReason: dto.overrideReason ?? null,
    conferenceDate: entry.conferenceDate ?? null,
    urgent: dto.urgent ?? false,
    conferenceId: dto.conferenceId ?? null,
    exception: dto.exception ?? null,
    exceptionReason: dto.exceptionReason?.trim() ?? null,
    requestId: dto.requestId ?? null,
    supersedesId: dto.supersedesId ?? null,
    decidedById: actor.id,
  };
}

export type DecisionRow = ReturnType<typeof decisionRow>;
