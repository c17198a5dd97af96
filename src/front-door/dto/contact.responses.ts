import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTACT_OUTCOMES,
  CONTACT_STATUSES,
  URGENCIES,
  type ContactOutcome,
  type ContactStatus,
  type Urgency,
} from '../contact-rules';

export class ContactChildResponse {
  @ApiProperty({ example: 0 }) position: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ example: 'Lily' }) firstName: string;
  @ApiProperty({ example: 'Hill' }) lastName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2019-03-07' }) dateOfBirth:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) expectedDateOfBirth:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) address: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) nhsNumber: string | null;
}

export class DecisionTimescaleResponse {
  @ApiProperty({ enum: ['referral_decision'] }) kind: 'referral_decision';
  @ApiProperty({ example: '2026-11-03' }) dueDate: string;
  @ApiProperty({ enum: ['due', 'overdue', 'met', 'met_late'], example: 'met' }) status: string;
  @ApiPropertyOptional({ example: '2026-11-03' }) metAt?: string;
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONTACT_STATUSES, example: 'received' }) status: ContactStatus;
  @ApiProperty({ example: '2026-11-02T09:15:00.000Z' }) receivedAt: string;
  @ApiProperty({ example: '2026-11-03' }) decisionDueBy: string;
  @ApiProperty({ type: DecisionTimescaleResponse }) timescale: DecisionTimescaleResponse;
  @ApiProperty({ example: { userId: null, name: 'Margaret Hill', relationship: 'grandmother' } })
  referrer: Record<string, unknown>;
  @ApiProperty({ example: '1B' }) source: string;
  @ApiProperty({ type: [ContactChildResponse] }) children: ContactChildResponse[];
  @ApiProperty() concern: string;
  @ApiProperty({ enum: URGENCIES }) urgency: Urgency;
  @ApiProperty({ example: { informed: true } }) consent: { informed: boolean; reason?: string };
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) familyId: string | null;
  @ApiPropertyOptional({ enum: CONTACT_OUTCOMES, nullable: true }) outcome: ContactOutcome | null;
  @ApiPropertyOptional({ type: String, nullable: true }) rationale: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) caseId: string | null;
  @ApiProperty({ description: 'The repeat-contact rule fired: a manager decides' })
  requiresManager: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 2 }) earlierContacts: number | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) decidedById: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) authorisedById:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) authorisedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) feedbackSummary: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) feedbackAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
}

/** What the referrer sees of their own contact: its progress, outcome and feedback only. */
export class ReferrerContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONTACT_STATUSES }) status: ContactStatus;
  @ApiProperty({ example: '2026-11-02T09:15:00.000Z' }) receivedAt: string;
  @ApiProperty({ example: 'Lily came to school with bruising on her arm.' }) concern: string;
  @ApiProperty({ type: [String], example: ['Lily Hill'] }) children: string[];
  @ApiPropertyOptional({ enum: CONTACT_OUTCOMES, nullable: true }) outcome: ContactOutcome | null;
  @ApiPropertyOptional({ type: String, nullable: true }) feedbackSummary: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) feedbackAt: string | null;
}

export class CreatedContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['received'] }) status: 'received';
  @ApiProperty({ example: '2026-11-03' }) decisionDueBy: string;
}

export class ContactPage {
  @ApiProperty({ type: [ContactResponse] }) data: ContactResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class ReferrerContactPage {
  @ApiProperty({ type: [ReferrerContactResponse] }) data: ReferrerContactResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class MatchInvolvement {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'family_help' }) stage: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ example: 'Family Help North' }) teamName: string;
}

export class MatchCandidate {
  @ApiProperty({ example: 0, description: "The contact's child this candidate may be" })
  childIndex: number;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) familyId: string | null;
  @ApiProperty({ example: 'Lily' }) firstName: string;
  @ApiProperty({ example: 'Hill' }) lastName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2019-03-07' }) dateOfBirth:
    string | null;
  @ApiProperty({
    enum: ['nhs_number', 'name_and_date_of_birth', 'name_and_transposed_date_of_birth'],
  })
  reason: string;
  @ApiProperty({ description: 'Open, past or recent involvement exists (always shown)' })
  knownToServices: boolean;
  @ApiPropertyOptional({
    type: [MatchInvolvement],
    description: 'Open cases (only those the caller may read)',
  })
  openCases?: MatchInvolvement[];
  @ApiPropertyOptional({ description: 'Past child protection plans (readable cases only)' })
  pastCpPlans?: number;
  @ApiProperty({ description: 'Other contacts about this child in the last 12 months' })
  contactsLast12Months: number;
  @ApiProperty({ description: 'Some involvement is on cases the caller may not read' })
  hiddenInvolvement: boolean;
}

export class MatchList {
  @ApiProperty({ type: [MatchCandidate] }) candidates: MatchCandidate[];
}

export class FrontDoorIndicatorsResponse {
  @ApiProperty({ example: '2025-12-07' }) from: string;
  @ApiProperty({ example: '2026-12-06' }) to: string;
  @ApiProperty({ example: 120, description: 'Contacts received in the period' }) received: number;
  @ApiProperty({ example: 110 }) decided: number;
  @ApiProperty({ example: 99 }) decidedWithinWorkingDay: number;
  @ApiProperty({ type: Number, example: 90, nullable: true }) percentWithinWorkingDay:
    number | null;
  @ApiProperty({ example: 3, description: 'Undecided and past their due date today' })
  undecidedOverdue: number;
  @ApiProperty({ example: 14, description: 'About a child with another contact in 12 months' })
  repeatContacts: number;
  @ApiProperty({ example: 4, description: 'The third or later contact in 12 months' })
  thirdOrLaterContacts: number;
  @ApiProperty({ example: 60, description: 'Referrals (case opened, reopened, referral added)' })
  referrals: number;
  @ApiProperty({ example: 9, description: 'Referrals of a child referred in the 12 months before' })
  reReferralsWithin12Months: number;
  @ApiProperty({ type: Number, example: 15, nullable: true }) percentReReferrals: number | null;
}
