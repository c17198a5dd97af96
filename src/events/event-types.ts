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
  'strategy_discussion.held',
  'strategy_discussion.concluded',
  'information_request.sent',
  'information_request.answered',
  'information_request.declined',
  'contact.received',
  'contact.decided',
  'family_response.recorded',
  'fgdm_offer.made',
  'fgdm_offer.answered',
  'fgdm_exemption.authorised',
  'legal_gateway.held',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_TYPES_SQL = EVENT_TYPES.map((t) => `'${t}'`).join(',');
