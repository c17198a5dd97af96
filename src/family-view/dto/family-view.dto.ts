import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  FAMILY_PLAN_TYPES,
  GRANT_STATUSES,
  REDACTABLE_FIELDS,
  type FamilyPlanType,
  type GrantStatus,
  type RedactableField,
} from '../family-view-rules';

const NOT_BLANK = /\S/;

export class SafetyCheckDto {
  @ApiProperty({ example: true, description: 'The safety check was done (must be true)' })
  @Equals(true, {
    message: 'safetyCheck.done must be true: propose access only after a safety check',
  })
  done: boolean;

  @ApiProperty({
    example: 'Discussed with the mother alone; no risk from sharing the plan identified.',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'notes must not be blank' })
  @MaxLength(4000)
  notes: string;
}

export class ContactDto {
  @ApiProperty({ example: 'parent@example.org', description: 'The address they will sign in with' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class ProposeFamilyAccessDto {
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: FAMILY_PLAN_TYPES, isArray: true, example: ['cp_plan'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FAMILY_PLAN_TYPES, { each: true })
  scopes: FamilyPlanType[];

  @ApiProperty({ type: SafetyCheckDto })
  @ValidateNested()
  @Type(() => SafetyCheckDto)
  safetyCheck: SafetyCheckDto;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;
}

export class GrantReasonDto {
  @ApiProperty({ example: 'The mother asked us to pause access while she moves house.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class RevokeFamilyAccessDto {
  @ApiPropertyOptional({ example: 'The case has closed.' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason?: string;
}

export class FamilyAccessResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES, isArray: true }) scopes: FamilyPlanType[];
  @ApiProperty({ enum: GRANT_STATUSES }) status: GrantStatus;
  @ApiProperty({ format: 'email' }) contactEmail: string;
  @ApiProperty({ format: 'uuid' }) proposedById: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedById: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ description: 'The family member has signed in with their invitation' })
  activated: boolean;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ example: 2 }) version: number;
  @ApiPropertyOptional({
    description:
      'Only in the answer to an approval that issued one: the one-time invitation code (shown once, stored hashed, valid 14 days)',
  })
  invitationCode?: string;
}

export class FamilyAccessPage {
  @ApiProperty({ type: [FamilyAccessResponse] }) data: FamilyAccessResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class WhoDoesWhatDto {
  @ApiProperty({ example: 'Mum' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'who must not be blank' })
  @MaxLength(200)
  who: string;

  @ApiProperty({ example: 'Take Amy to nursery every weekday' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'what must not be blank' })
  @MaxLength(1000)
  what: string;

  @ApiPropertyOptional({ example: 'every weekday' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  by?: string;
}

export class SummarySectionsDto {
  @ApiProperty({ example: 'We are worried that Amy has had bruises nobody could explain.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'worries must not be blank' })
  @MaxLength(4000)
  worries: string;

  @ApiProperty({ example: 'Amy is happy at nursery and you have kept every appointment.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'goingWell must not be blank' })
  @MaxLength(4000)
  goingWell: string;

  @ApiProperty({ example: 'Amy needs to be safe at home and seen by her health visitor.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'needsToHappen must not be blank' })
  @MaxLength(4000)
  needsToHappen: string;

  @ApiProperty({ type: [WhoDoesWhatDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WhoDoesWhatDto)
  whoDoesWhat: WhoDoesWhatDto[];

  @ApiProperty({
    example: 'If things do not get better we will talk with you about what happens next.',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'ifNot must not be blank' })
  @MaxLength(4000)
  ifNot: string;
}

export class CreateFamilySummaryDto {
  @ApiProperty({ enum: FAMILY_PLAN_TYPES, example: 'cp_plan' })
  @IsIn(FAMILY_PLAN_TYPES)
  planType: FamilyPlanType;

  @ApiProperty({
    format: 'uuid',
    description:
      'The plan: a Family Help plan, Family Network Plan or Child Community Safety Plan id; for a CP plan, its start decision',
  })
  @IsUUID()
  planId: string;

  @ApiProperty({ example: 1, description: 'The plan version it describes (the version in force)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: SummarySectionsDto })
  @ValidateNested()
  @Type(() => SummarySectionsDto)
  sections: SummarySectionsDto;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag (default en)' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag' })
  language?: string;
}

export class FamilySummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES }) planType: FamilyPlanType;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: SummarySectionsDto }) sections: SummarySectionsDto;
  @ApiProperty() language: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) publishedById: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
}

export class FamilySummaryPage {
  @ApiProperty({ type: [FamilySummaryResponse] }) data: FamilySummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ExplanationDto {
  @ApiProperty({
    example:
      'We decided to make a plan to keep Amy safe because nobody could explain her bruises. It does not mean Amy will leave home.',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'text must not be blank' })
  @MinLength(20)
  @MaxLength(4000)
  text: string;
}

export class ExplanationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'uuid' }) writtenById: string;
  @ApiProperty({ format: 'date-time' }) writtenAt: string;
}

export class RedactionsDto {
  @ApiProperty({
    format: 'uuid',
    isArray: true,
    description: "Members of the same family who must not see this person's `fields`",
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  withheldFrom: string[];

  @ApiProperty({ enum: REDACTABLE_FIELDS, isArray: true, example: ['address', 'contact'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(REDACTABLE_FIELDS, { each: true })
  fields: RedactableField[];

  @ApiPropertyOptional({
    example: false,
    description:
      'Recorded as an alleged perpetrator of domestic abuse: refused a family-access grant (default false)',
  })
  @IsOptional()
  @IsBoolean()
  allegedPerpetrator?: boolean;
}

export class RedactionResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid', isArray: true }) withheldFrom: string[];
  @ApiProperty({ enum: REDACTABLE_FIELDS, isArray: true }) fields: RedactableField[];
  @ApiProperty() allegedPerpetrator: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ActivateDto {
  @ApiProperty({ example: 'k3J9x…', description: 'The one-time code from the invitation' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  invitationCode: string;

  @ApiProperty({ example: 'a-long-passphrase-2026', minLength: 12, format: 'password' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;
}

export class FamilyResponseDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A published summary you can see (or decisionId)',
  })
  @IsOptional()
  @IsUUID()
  summaryId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An explained decision (or summaryId)' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'Agree (true), disagree (false) or just acknowledge (absent)',
  })
  @IsOptional()
  @IsBoolean()
  agrees?: boolean;

  @ApiProperty({ example: 'I do not agree that Amy was left alone. My sister was with her.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'text must not be blank' })
  @MaxLength(4000)
  text: string;
}

export class FamilyResponseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) summaryId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) agrees: boolean | null;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class StaffFamilyResponse extends FamilyResponseResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() personName: string;
}

export class StaffFamilyResponsePage {
  @ApiProperty({ type: [StaffFamilyResponse] }) data: StaffFamilyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FamilyPerson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when withheld from you' })
  lastName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) relationship: string | null;
  @ApiProperty({ enum: ['child', 'adult'] }) kind: string;
}

export class FamilyOverview {
  @ApiProperty({ format: 'uuid' }) grantId: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES, isArray: true }) scopes: FamilyPlanType[];
  @ApiProperty({ type: FamilyPerson }) you: FamilyPerson;
  @ApiProperty({ type: [FamilyPerson] }) people: FamilyPerson[];
}

export class FamilyPlanView {
  @ApiProperty({ format: 'uuid', description: 'The summary id' }) id: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES }) planType: FamilyPlanType;
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: SummarySectionsDto }) sections: SummarySectionsDto;
  @ApiProperty() language: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class FamilyPlanPage {
  @ApiProperty({ type: [FamilyPlanView] }) data: FamilyPlanView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FamilyDecisionView {
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'date' }) effectiveDate: string;
  @ApiProperty({ description: 'Written for the family' }) explanation: string;
  @ApiProperty({ format: 'date-time' }) explainedAt: string;
}

export class FamilyDecisionPage {
  @ApiProperty({ type: [FamilyDecisionView] }) data: FamilyDecisionView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
