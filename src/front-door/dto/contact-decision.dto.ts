import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsInstantInRange } from 'src/common/is-calendar-date';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../contact-rules';

/** An instant with its zone (a contact's receipt, a decision's or authorisation's time). */
export const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The decision on a contact, its authorisation and the feedback to the referrer. */
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
    description:
      "family_help_assessment: the family's case the referral is added to (a closed one is reopened); strategy_discussion: the case the discussion is requested on. Without it, either outcome opens a case (teamId and leadPractitionerId)",
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A decision that opens a case (family_help_assessment or strategy_discussion without caseId): the family_help team it is allocated to',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "With teamId: the case's lead practitioner (an active Family Help member of that team)",
  })
  @IsOptional()
  @IsUUID()
  leadPractitionerId?: string;

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
