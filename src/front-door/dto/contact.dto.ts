import { IsInstantInRange } from 'src/common/is-calendar-date';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REFERRAL_SOURCE_CODES, REFERRAL_SOURCES, type ReferralSource } from 'src/cases/cin-codes';
import { PageQueryDto } from 'src/common/pagination';
import { IsDateOnly, IsNhsNumber } from 'src/families/dto/validators';
import {
  CONTACT_OUTCOMES,
  CONTACT_STATUSES,
  URGENCIES,
  type ContactOutcome,
  type ContactStatus,
  type Urgency,
} from '../contact-rules';

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ReferrerDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A user of your LA who raised it (a partner submitting in Tandem is the referrer: omit or give your own id)',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'Margaret Hill', description: 'Without userId: required' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: 'grandmother',
    description: "Without userId: required (the referrer's relationship to the child)",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  relationship?: string;

  @ApiPropertyOptional({ example: 'Oakfield Primary School' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ example: '01632 960123' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ example: 'margaret.hill@example.org.uk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;
}

export class ContactChildDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A child already known (a person of your LA)',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ example: 'Lily', description: 'Without personId: required' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Hill', description: 'Without personId: required' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ example: '2018-03-07' })
  @IsOptional()
  @IsDateOnly()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '2026-02-01', description: 'An unborn child' })
  @IsOptional()
  @IsDateOnly()
  expectedDateOfBirth?: string;

  @ApiPropertyOptional({ example: '12 Elm Road, Anytown AN1 2BC' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ example: '9434765919' })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string;
}

export class ConsentDto {
  @ApiProperty({ example: true, description: 'The family know this contact is being made' })
  @IsBoolean()
  informed: boolean;

  @ApiPropertyOptional({
    example: 'Telling the parents could place the child at risk',
    description: 'Required when informed is false',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export class CreateContactDto {
  @ApiProperty({
    example: '2025-11-02T09:15:00Z',
    description: 'When it was received (ISO 8601 with zone; not in the future)',
  })
  @IsString()
  @Matches(ZONED, { message: 'receivedAt must be an ISO 8601 date-time with a zone' })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time with a zone' })
  @IsInstantInRange()
  receivedAt: string;

  @ApiProperty({ type: ReferrerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReferrerDto)
  referrer: ReferrerDto;

  @ApiProperty({
    enum: REFERRAL_SOURCE_CODES,
    example: '1B',
    description: `CIN census source of referral: ${Object.entries(REFERRAL_SOURCES)
      .map(([c, l]) => `${c} ${l}`)
      .join('; ')}`,
  })
  @IsIn(REFERRAL_SOURCE_CODES, { message: 'source must be a CIN source of referral code (1A–10)' })
  source: ReferralSource;

  @ApiProperty({ type: [ContactChildDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactChildDto)
  children: ContactChildDto[];

  @ApiProperty({
    example: 'Lily came to school with bruising on her arm and said she was scared to go home.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  concern: string;

  @ApiProperty({ enum: URGENCIES, example: 'urgent' })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ type: ConsentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
}

export class ContactQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTACT_STATUSES })
  @IsOptional()
  @IsIn(CONTACT_STATUSES)
  status?: ContactStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only undecided contacts past their due date',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: CONTACT_OUTCOMES })
  @IsOptional()
  @IsIn(CONTACT_OUTCOMES)
  outcome?: ContactOutcome;
}

export class LinkContactDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Link a child of the contact to this person',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({
    example: 0,
    description: 'Which child of the contact (its position, from 0); default the first unlinked',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(19)
  childIndex?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Link the contact to this family' })
  @IsOptional()
  @IsUUID()
  familyId?: string;
}

export class ContactDecisionDto {
  @ApiProperty({ enum: CONTACT_OUTCOMES, example: 'strategy_discussion' })
  @IsIn(CONTACT_OUTCOMES)
  outcome: ContactOutcome;

  @ApiProperty({ example: 'Third contact in five weeks; injuries described by school.' })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  rationale: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "family_help_assessment: the family's case the referral is added to",
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    example: '2025-11-03T09:40:00Z',
    description:
      'When it was decided, for one recorded after the fact (default now): not in the future, not before the receipt',
  })
  @IsOptional()
  @IsString()
  @Matches(ZONED, { message: 'decidedAt must be an ISO 8601 date-time with a zone' })
  @IsISO8601({ strict: true }, { message: 'decidedAt must be an ISO 8601 date-time with a zone' })
  @IsInstantInRange()
  decidedAt?: string;
}

export class ContactAuthorisationDto {
  @ApiPropertyOptional({
    example: '2025-11-03T10:05:00Z',
    description:
      'When it was authorised, for one recorded after the fact (default now): not in the future, not before the decision',
  })
  @IsOptional()
  @IsString()
  @Matches(ZONED, { message: 'authorisedAt must be an ISO 8601 date-time with a zone' })
  @IsISO8601(
    { strict: true },
    { message: 'authorisedAt must be an ISO 8601 date-time with a zone' },
  )
  @IsInstantInRange()
  authorisedAt?: string;
}

export class ContactFeedbackDto {
  @ApiProperty({
    example: 'Thank you. We are working with the family; a social worker will be in touch.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  summary: string;
}

export class ContactChildResponse {
  @ApiProperty({ example: 0 }) position: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ example: 'Lily' }) firstName: string;
  @ApiProperty({ example: 'Hill' }) lastName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2018-03-07' }) dateOfBirth:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) expectedDateOfBirth:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) address: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) nhsNumber: string | null;
}

export class DecisionTimescaleResponse {
  @ApiProperty({ enum: ['referral_decision'] }) kind: 'referral_decision';
  @ApiProperty({ example: '2025-11-03' }) dueDate: string;
  @ApiProperty({ enum: ['due', 'overdue', 'met', 'met_late'], example: 'met' }) status: string;
  @ApiPropertyOptional({ example: '2025-11-03' }) metAt?: string;
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONTACT_STATUSES, example: 'received' }) status: ContactStatus;
  @ApiProperty({ example: '2025-11-02T09:15:00.000Z' }) receivedAt: string;
  @ApiProperty({ example: '2025-11-03' }) decisionDueBy: string;
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
  @ApiProperty({ example: '2025-11-02T09:15:00.000Z' }) receivedAt: string;
  @ApiProperty({ example: 'Lily came to school with bruising on her arm.' }) concern: string;
  @ApiProperty({ type: [String], example: ['Lily Hill'] }) children: string[];
  @ApiPropertyOptional({ enum: CONTACT_OUTCOMES, nullable: true }) outcome: ContactOutcome | null;
  @ApiPropertyOptional({ type: String, nullable: true }) feedbackSummary: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) feedbackAt: string | null;
}

export class CreatedContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['received'] }) status: 'received';
  @ApiProperty({ example: '2025-11-03' }) decisionDueBy: string;
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
  @ApiPropertyOptional({ type: String, nullable: true, example: '2018-03-07' }) dateOfBirth:
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

export class FrontDoorIndicatorQueryDto {
  @ApiPropertyOptional({ example: '2024-12-07', description: 'Default: a year before `to`' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-06', description: 'Default: today' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class FrontDoorIndicatorsResponse {
  @ApiProperty({ example: '2024-12-07' }) from: string;
  @ApiProperty({ example: '2025-12-06' }) to: string;
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
