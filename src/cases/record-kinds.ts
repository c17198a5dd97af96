/**
 * The record kinds of `src/cases`: the case itself and its case notes (docs/architecture.md,
 * "Adding a record kind").
 */
import { NO_RECORD_FACTS, type CaseKind, type InCaseKind } from 'src/common/record-kind';
import { all, recordFact } from 'src/access/predicates';
import { SEES_CASE, WORKS_ON_CASE } from 'src/access/verdict-vocabulary';

/** A case, and everything addressed under it that has no kind of its own (its plan, its
 * decisions, its co-workers…): those are judged on the case. */
export const CASE: CaseKind = {
  name: 'case',
  label: 'Case',
  locate: 'case',
  routes: ['/api/v1/cases/:id'],
  permissions: [
    'case.read',
    'case.update',
    'case.note',
    'case.plan',
    'case.close',
    'case.reopen',
    'case.child_add',
    'cp_plan.write',
    'closure.propose',
    'conference.schedule',
    'timescale.read',
    'concern.raise',
    'activity.record',
    'decision.read',
    'decision.request',
    'decision.record',
    'decision.challenge',
    'coworker.assign',
    'coworker.end',
    'document.read',
    'document.upload',
    'assessment.record',
    'representation.read',
    'representation.record',
    'plan.read',
    'fgdm.record',
    'proceedings.record',
    'family_network_plan.write',
    'community_safety_plan.decide',
    'strategy_discussion.read',
    'strategy_discussion.run',
    'strategy_discussion.request',
    'information_request.send',
    'family_access.propose',
    'family_summary.write',
    'authenticated',
  ],
  events: [
    'case.opened',
    'case.stage_changed',
    'case.closed',
    'case.reopened',
    'case.child_added',
    'case.child_born',
    'decision.recorded',
    'co_worker.assigned',
    'co_worker.ended',
    'concern.raised',
    'plan.started',
    'plan.ended',
    'meeting.recorded',
    'visit.recorded',
    'legal_gateway.held',
  ],
  trainingEvents: [
    'referral',
    'assessment_completed',
    'family_help_plan',
    'plan_review',
    'concern',
    'assign_ecpp',
    'decision_request',
    'decision',
    'challenge',
    'meeting',
    'visit',
    'close_case',
    'strategy_discussion_request',
    'legal_gateway',
    'pre_proceedings_meeting',
  ],
};

/** A case note: corrected (PATCH) and given addenda only by someone working on the case who
 * wrote it. */
export const CASE_NOTE: InCaseKind = {
  name: 'case_note',
  label: 'Note',
  locate: 'in_case',
  routes: ['/api/v1/cases/:id/notes/:noteId'],
  permissions: ['case.note'],
  trainingEvents: ['note'],
  table: 'case_note',
  facts: {
    ...NO_RECORD_FACTS,
    author: (r, me, kind) => `(${r}.author_id = ${me} AND ${r}.author_type = ${kind})`,
  },
  rules: {
    /** Correcting a note: someone working on the case who wrote it. */
    'case.note': {
      see: SEES_CASE,
      act: all(WORKS_ON_CASE, recordFact('author')),
      why: 'Only the author may correct a note',
    },
  },
  sharing: false,
};

export const CASES_RECORD_KINDS = [CASE, CASE_NOTE] as const;
