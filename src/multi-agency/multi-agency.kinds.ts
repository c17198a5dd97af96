/**
 * The record kinds of multi-agency child protection, each declared once: its table, how to find
 * its case and children, its permissions, whether partners can be named on it, the timeline
 * entries that raise integration events, and its training event kinds.
 *
 * Until the shared record-kind registry exists, the access gate reads the facts SQL and verdict
 * rows from `src/access/predicates.ts` (`RECORD_FACT_SQL.strategy_discussion`) and
 * `src/access/verdict.ts` (`RECORD_RULES.strategy_discussion`), the outbox from
 * `src/events/event-mapping.ts`; they restate what is declared here.
 */
export const STRATEGY_DISCUSSION = {
  kind: 'strategy_discussion',
  table: 'strategy_discussion',
  label: 'Strategy discussion',
  /** `strategy_discussion.case_id`; its children `strategy_discussion.child_ids`. */
  caseColumn: 'case_id',
  childIdsColumn: 'child_ids',
  /** Its outcomes (append-only, corrections supersede): `strategy_discussion_outcome.discussion_id`. */
  children: [{ table: 'strategy_discussion_outcome', column: 'discussion_id' }],
  permissions: {
    read: 'strategy_discussion.read',
    write: 'strategy_discussion.run',
    request: 'strategy_discussion.request',
  },
  /** Partners are never named on a strategy discussion (MACPT members take part by team). */
  partnerNamed: false,
  /** Timeline entry → integration event. */
  events: {
    strategy_discussion_held: 'strategy_discussion.held',
    strategy_discussion_concluded: 'strategy_discussion.concluded',
  },
  trainingKinds: ['strategy_discussion'],
} as const;

export const STRATEGY_DISCUSSION_REQUEST = {
  kind: 'strategy_discussion_request',
  table: 'strategy_discussion_request',
  label: 'Strategy discussion request',
  caseColumn: 'case_id',
  childIdsColumn: 'child_ids',
  children: [],
  permissions: { read: 'strategy_discussion.read', write: 'strategy_discussion.request' },
  partnerNamed: false,
  events: {},
  trainingKinds: [],
} as const;
