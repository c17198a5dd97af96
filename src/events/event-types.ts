/** The event types integrators can subscribe to (docs/integrators.md, "Events"). */
export const EVENT_TYPES = [
  'case.opened',
  'case.stage_changed',
  'case.closed',
  'case.reopened',
  'decision.recorded',
  'co_worker.assigned',
  'co_worker.ended',
  'concern.raised',
  'plan.agreed',
  'plan.started',
  'plan.ended',
  'meeting.recorded',
  'visit.recorded',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_TYPES_SQL = EVENT_TYPES.map((t) => `'${t}'`).join(',');
