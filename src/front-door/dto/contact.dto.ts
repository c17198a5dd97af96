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
import { IsDateOnly, IsNhsNumber } from 'src/families/dto/validators';
import { CONTACT_OUTCOMES, URGENCIES, type ContactOutcome, type Urgency } from '../contact-rules';
export { ContactQueryDto, FrontDoorIndicatorQueryDto } from './contact-query.dto';
export {
  ContactPage,
  ContactResponse,
  CreatedContactResponse,
  FrontDoorIndicatorsResponse,
  MatchList,
  ReferrerContactPage,
  ReferrerContactResponse,
  MatchCandidate,
} from './contact.responses';

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

  @ApiPropertyOptional({ example: '2019-03-07' })
  @IsOptional()
  @IsDateOnly()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '2027-02-01', description: 'An unborn child' })
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
    example: '2026-11-02T09:15:00Z',
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
    example: '2026-11-03T09:40:00Z',
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
    example: '2026-11-03T10:05:00Z',
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
