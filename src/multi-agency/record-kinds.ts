/**
 * The record kinds of `src/multi-agency` (docs/multi-agency.md): strategy discussions. Their
 * requests are addressed only through their case (`/cases/:id/strategy-discussion-requests`)
 * and are judged on it.
 */
import { NO_RECORD_FACTS, type InCaseKind } from 'src/common/record-kind';
import { contributesToDiscussion, runsStrategyDiscussion, SEES_CASE } from 'src/access/verdict';

export const STRATEGY_DISCUSSION: InCaseKind = {
  name: 'strategy_discussion',
  label: 'Strategy discussion',
  locate: 'in_case',
  routes: ['/api/v1/strategy-discussions/:id'],
  permissions: [
    'strategy_discussion.read',
    'strategy_discussion.run',
    'strategy_discussion.contribute',
  ],
  events: ['strategy_discussion.held', 'strategy_discussion.concluded'],
  trainingEvents: [],
  table: 'strategy_discussion',
  children: (r) => `${r}.child_ids`,
  /** Partners are never named on a discussion: MACPT members take part through their team. */
  facts: NO_RECORD_FACTS,
  rules: {
    'strategy_discussion.read': { see: SEES_CASE },
    'strategy_discussion.run': runsStrategyDiscussion(),
    'strategy_discussion.contribute': contributesToDiscussion(),
  },
  sharing: false,
};

export const MULTI_AGENCY_RECORD_KINDS: readonly InCaseKind[] = [STRATEGY_DISCUSSION];
