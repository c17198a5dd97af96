import type { ContactOutcome, ContactStatus, Urgency } from './contact-rules';

export interface ContactChildRow {
  position: number;
  personId: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  address: string | null;
  nhsNumber: string | null;
}

export interface ContactRow {
  id: string;
  localAuthorityId: string;
  receivedAt: Date;
  decisionDueBy: string;
  referrerUserId: string | null;
  referrerName: string | null;
  referrerRelationship: string | null;
  referrerOrganisation: string | null;
  referrerPhone: string | null;
  referrerEmail: string | null;
  source: string;
  concern: string;
  urgency: Urgency;
  consentInformed: boolean;
  consentReason: string | null;
  status: ContactStatus;
  familyId: string | null;
  outcome: ContactOutcome | null;
  rationale: string | null;
  caseId: string | null;
  requiresManager: boolean;
  earlierContacts: number | null;
  decidedById: string | null;
  decidedAt: Date | null;
  authorisedById: string | null;
  authorisedAt: Date | null;
  decidedOn: string | null;
  feedbackSummary: string | null;
  feedbackAt: Date | null;
  recordedById: string;
  version: number;
  children: ContactChildRow[];
}

export interface NewContact {
  la: string;
  receivedAt: string;
  decisionDueBy: string;
  referrerUserId: string | null;
  referrerName: string | null;
  referrerRelationship: string | null;
  referrerOrganisation: string | null;
  referrerPhone: string | null;
  referrerEmail: string | null;
  source: string;
  concern: string;
  urgency: Urgency;
  consentInformed: boolean;
  consentReason: string | null;
  recordedById: string;
  children: Omit<ContactChildRow, 'position'>[];
}

export interface ListFilter {
  status?: ContactStatus;
  overdueOn?: string;
  outcome?: ContactOutcome;
  /** The cp_manager's view: only contacts sent to child protection. */
  cpQueueOnly?: boolean;
  referrerUserId?: string;
}

export interface PersonRow {
  id: string;
  familyId: string | null;
  kind: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
}
