/**
 * What a contact looks like to whoever reads it (docs/front-door.md): front-door staff see the
 * whole record; the referrer sees its progress, the outcome once authorised and the feedback.
 */
import type { IsoDate } from 'src/common/working-days';
import { decisionTimescale } from './contact-rules';
import type { ContactRow } from './contact.repository';
import type { ContactResponse, ReferrerContactResponse } from './dto/contact.dto';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The staff view; `today` is the day the decision timescale is read on. */
export function staffView(c: ContactRow, today: IsoDate): ContactResponse {
  return {
    id: c.id,
    status: c.status,
    receivedAt: iso(c.receivedAt)!,
    decisionDueBy: c.decisionDueBy,
    timescale: decisionTimescale(c.decisionDueBy, today, c.decidedOn),
    referrer: c.referrerUserId
      ? { userId: c.referrerUserId }
      : {
          name: c.referrerName,
          relationship: c.referrerRelationship,
          organisation: c.referrerOrganisation,
          phone: c.referrerPhone,
          email: c.referrerEmail,
        },
    source: c.source,
    children: c.children,
    concern: c.concern,
    urgency: c.urgency,
    consent: c.consentInformed
      ? { informed: true }
      : { informed: false, reason: c.consentReason ?? undefined },
    familyId: c.familyId,
    outcome: c.outcome,
    rationale: c.rationale,
    caseId: c.caseId,
    caseAllocation:
      c.caseTeamId && c.caseLeadPractitionerId
        ? { teamId: c.caseTeamId, leadPractitionerId: c.caseLeadPractitionerId }
        : null,
    requiresManager: c.requiresManager,
    earlierContacts: c.earlierContacts,
    decidedById: c.decidedById,
    decidedAt: iso(c.decidedAt),
    authorisedById: c.authorisedById,
    authorisedAt: iso(c.authorisedAt),
    feedbackSummary: c.feedbackSummary,
    feedbackAt: iso(c.feedbackAt),
    version: c.version,
  };
}

/** The referrer's view: progress, the outcome once authorised, the feedback. Never the case,
 * the rationale, the family or other agencies' information. */
export function referrerView(c: ContactRow): ReferrerContactResponse {
  return {
    id: c.id,
    status: c.status,
    receivedAt: iso(c.receivedAt)!,
    concern: c.concern,
    children: c.children.map((k) => `${k.firstName} ${k.lastName}`),
    outcome: c.authorisedAt ? c.outcome : null,
    feedbackSummary: c.feedbackSummary,
    feedbackAt: iso(c.feedbackAt),
  };
}
