import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { CaseContext } from 'src/access/access.service';
import type { CaseState } from 'src/case-history/case-state';
import { TimelineService } from 'src/cases/timeline.service';
import { DECISION_LABELS, children } from './decision-labels';
import type { DecisionRow } from './decision-row';

/** The case timeline entries a recorded decision writes: the decision, a change of stage, and
 * each concern it closed or (superseding) reopened. */
@Injectable()
export class DecisionTimeline {
  constructor(private readonly timeline: TimelineService) {}

  /** Timeline: which concerns the decision closed (or, superseding, reopened), and when. */
  async writeConcernEvents(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
    row: DecisionRow,
    concerns: { closed: string[]; reopened: string[] },
  ) {
    const label = DECISION_LABELS[row.type];
    const events = [
      ...concerns.closed.map((id) => ({ id, type: 'concern_closed', verb: 'closed' })),
      ...concerns.reopened.map((id) => ({ id, type: 'concern_reopened', verb: 'reopened' })),
    ];
    for (const e of events) {
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: c.localAuthorityId,
        type: e.type,
        summary: `Concern of significant harm ${e.verb} by the decision to ${label}, effective ${row.effectiveDate}`,
        data: {
          concernId: e.id,
          decisionId: row.id,
          decisionType: row.type,
          effectiveDate: row.effectiveDate,
        },
        recordType: 'case_concern',
        recordId: e.id,
        actor,
      });
    }
  }

  async writeTimeline(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
    row: DecisionRow,
    before: CaseState,
    next: CaseState,
  ) {
    const supersedes = row.supersedesId ? ` (supersedes an earlier decision)` : '';
    const booked = row.conferenceDate ? `; conference booked for ${row.conferenceDate}` : '';
    const strategy = row.strategyDiscussionId
      ? `; follows the strategy discussion held on ${row.strategyDiscussionDate}`
      : '';
    const override = row.overrideReason
      ? `; strategy discussion requirement overridden: ${row.overrideReason}`
      : '';
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: 'decision_recorded',
      summary: `Decision: ${DECISION_LABELS[row.type]} for ${children(row.childIds.length)}, effective ${row.effectiveDate}${booked}${strategy}${override}${supersedes}`,
      data: {
        decisionId: row.id,
        decisionType: row.type,
        childIds: row.childIds,
        effectiveDate: row.effectiveDate,
        ...(row.category ? { category: row.category } : {}),
        ...(row.strategyDiscussionId ? { strategyDiscussionId: row.strategyDiscussionId } : {}),
        ...(row.strategyDiscussionDate
          ? { strategyDiscussionDate: row.strategyDiscussionDate }
          : {}),
        ...(row.overrideReason ? { strategyDiscussionOverridden: true } : {}),
        ...(row.requestId ? { requestId: row.requestId } : {}),
        ...(row.supersedesId ? { supersedesId: row.supersedesId } : {}),
      },
      recordType: 'decision',
      recordId: row.id,
      actor,
    });
    if (before.stage !== next.stage) {
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: c.localAuthorityId,
        type: 'stage_changed',
        summary: `Stage changed from ${before.stage} to ${next.stage}, effective ${row.effectiveDate}`,
        data: { from: before.stage, to: next.stage, decisionId: row.id },
        recordType: 'decision',
        recordId: row.id,
        actor,
      });
    }
  }
}
