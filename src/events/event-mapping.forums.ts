import { only, type Pick } from './event-mapping.support';

/** Conferences, case children and the steps before proceedings: timeline entry type → events,
 * ids, codes and dates only (part of the one mapping in event-mapping.ts). */
export const FORUM_AND_PROCEEDINGS_EVENTS: Record<string, Pick> = {
  conference_scheduled: (f, d) => [
    {
      type: 'conference.scheduled',
      data: { caseId: f.caseId, ...only(d, ['conferenceId', 'type', 'childIds', 'scheduledFor']) },
    },
  ],
  conference_held: (f, d) => [
    {
      type: 'conference.held',
      data: { caseId: f.caseId, ...only(d, ['conferenceId', 'type', 'heldOn', 'quorate']) },
    },
  ],
  conference_concluded: (f, d) => [
    {
      type: 'conference.concluded',
      data: {
        caseId: f.caseId,
        ...only(d, ['conferenceId', 'type', 'nextReviewBy']),
        children: ((d.children ?? []) as Record<string, unknown>[]).map((c) =>
          only(c, ['childId', 'plan', 'category']),
        ),
      },
    },
  ],
  conference_report_submitted: (f, d) => [
    {
      type: 'conference.report_submitted',
      data: { caseId: f.caseId, ...only(d, ['conferenceId', 'reportId', 'agency']) },
    },
  ],
  cp_plan_versioned: (f, d) => [
    {
      type: 'cp_plan.versioned',
      data: { caseId: f.caseId, ...only(d, ['version', 'conferenceId']) },
    },
  ],
  child_added: (f, d) => [
    {
      type: 'case.child_added',
      data: { caseId: f.caseId, ...only(d, ['childId', 'reason', 'addedOn']) },
    },
  ],
  child_born: (f, d) => [
    {
      type: 'case.child_born',
      data: { caseId: f.caseId, ...only(d, ['childId', 'dateOfBirth']) },
    },
  ],
  // The family's own view: a response in the family's words (the words stay inside Tandem).
  fgdm_offer_made: (f, d) => [
    {
      type: 'fgdm_offer.made',
      data: {
        caseId: f.caseId,
        offerId: f.recordId,
        ...only(d, ['childIds', 'offeredToId', 'offeredOn']),
      },
    },
  ],
  fgdm_offer_answered: (f, d) => [
    {
      type: 'fgdm_offer.answered',
      data: { caseId: f.caseId, ...only(d, ['offerId', 'response', 'respondedOn']) },
    },
  ],
  fgdm_exemption_authorised: (f, d) => [
    {
      type: 'fgdm_exemption.authorised',
      data: { caseId: f.caseId, ...only(d, ['exemptionId', 'childIds', 'scope', 'authorisedOn']) },
    },
  ],
  legal_gateway_meeting_held: (f, d) => [
    {
      type: 'legal_gateway.held',
      data: { caseId: f.caseId, ...only(d, ['legalGatewayId', 'heldOn', 'decision']) },
    },
  ],
};
