import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsISO8601,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DissentDto } from 'src/common/dissent.dto';
import { IsOmittable } from 'src/common/validation';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import {
  DISCUSSION_FORMATS,
  IMMEDIATE_PROTECTION,
  MULTI_AGENCIES,
  S47_OUTCOMES,
  type DiscussionFormat,
  type ImmediateProtection,
  type MultiAgency,
  type S47Outcome,
} from '../strategy-discussion.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const CHILD = '0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01';
export const USER = '5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07';

function ChildIds(description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: [String], format: 'uuid', example: [CHILD], description })(target, key);
    IsArray()(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(50)(target, key);
    ArrayUnique()(target, key);
    IsUUID('all', { each: true })(target, key);
  };
}

function Text(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsString()(target, key);
    MinLength(min, { message: `${String(key)} must be at least ${min} characters` })(target, key);
    MaxLength(max)(target, key);
  };
}

/** A user of the LA, or a named professional from outside Tandem (name and agency). */
export class InviteeDto {
  @ApiPropertyOptional({ format: 'uuid', example: USER, description: 'A user of the LA' })
  @IsOmittable()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({
    example: 'DC Sam Hollis',
    description: 'Someone without a Tandem account',
  })
  @IsOmittable()
  @Text(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: MULTI_AGENCIES, example: 'police' })
  @IsOmittable()
  @IsIn(MULTI_AGENCIES)
  agency?: MultiAgency;

  @ApiPropertyOptional({ example: 'Northshire Police child abuse investigation unit' })
  @IsOmittable()
  @Text(1, 200)
  organisation?: string;
}

export class ScheduleStrategyDiscussionDto {
  @ChildIds('The children of the case the discussion is about')
  childIds: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['9d1e7c2a-3b4f-4a6e-8c1d-2e3f4a5b6c7d'],
    description: 'The open concerns of significant harm it considers (at least one)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  concernIds: string[];

  @ApiProperty({
    example: '2025-12-18T10:00:00Z',
    description:
      'When it is (or was) to take place: an ISO datetime, in the past when recorded after the fact',
  })
  @IsISO8601({ strict: true })
  scheduledFor: string;

  @ApiProperty({ enum: DISCUSSION_FORMATS, example: 'meeting' })
  @IsIn(DISCUSSION_FORMATS)
  format: DiscussionFormat;

  @ApiProperty({ type: [InviteeDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InviteeDto)
  invitees: InviteeDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: "The Family Help lead's open request for a strategy discussion this answers",
  })
  @IsOmittable()
  @IsUUID()
  requestId?: string;
}

export class ParticipantDto {
  @ApiPropertyOptional({ format: 'uuid', example: USER })
  @IsOmittable()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'Dr Ann Patel', description: 'When not a user' })
  @IsOmittable()
  @Text(1, 200)
  name?: string;

  @ApiProperty({ enum: MULTI_AGENCIES, example: 'health' })
  @IsIn(MULTI_AGENCIES)
  agency: MultiAgency;

  @ApiProperty({ example: true })
  @IsBoolean()
  attended: boolean;
}

export class ContributionDto {
  @ApiProperty({ enum: MULTI_AGENCIES, example: 'police' })
  @IsIn(MULTI_AGENCIES)
  agency: MultiAgency;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Read only: who added it (a MACPT member), when added through /contributions',
  })
  @IsOmittable()
  @IsUUID()
  userId?: string;

  @ApiProperty({ example: 'No previous police involvement with the household.' })
  @Text(1, 10000)
  summary: string;
}

export class HoldStrategyDiscussionDto {
  @ApiProperty({
    example: '2025-12-18',
    description: 'When it was held: not in the future, not before its concerns were raised',
  })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ type: [ParticipantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants: ParticipantDto[];

  @ApiProperty({ type: [ContributionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContributionDto)
  contributions: ContributionDto[];
}

export class ParentsInformedDto {
  @ApiPropertyOptional({ example: 'Police and the ECPP jointly' })
  @IsOmittable()
  @Text(1, 200)
  by?: string;

  @ApiPropertyOptional({ example: '2025-12-19', description: 'When they are (or were) told' })
  @IsOmittable()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({
    example: 'Telling the parents before the police interview could put the child at risk.',
    description: 'Instead of by/on: why the parents are not yet told',
  })
  @IsOmittable()
  @Text(10, 2000)
  deferredReason?: string;
}

/** One agency's dissent: the shared DTO (src/common/dissent.dto.ts), also the conferences'. */
export { DissentDto };

export class ConcludeStrategyDiscussionDto {
  @ApiProperty({ enum: S47_OUTCOMES, example: 'joint_with_police' })
  @IsIn(S47_OUTCOMES)
  s47: S47Outcome;

  @ApiProperty({ enum: IMMEDIATE_PROTECTION, example: 'agreed_safety_plan' })
  @IsIn(IMMEDIATE_PROTECTION)
  immediateProtection: ImmediateProtection;

  @ApiProperty({ example: true, description: 'A medical (child protection) examination' })
  @IsBoolean()
  medical: boolean;

  @ApiProperty({ example: false, description: 'An achieving-best-evidence interview' })
  @IsBoolean()
  abeInterview: boolean;

  @ApiProperty({ type: ParentsInformedDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ParentsInformedDto)
  parentsInformed: ParentsInformedDto;

  @ApiProperty({
    example:
      'Bruising to a non-mobile child with no explanation: threshold for joint enquiries met.',
    description: 'Why (at least 20 characters)',
  })
  @Text(20, 20000)
  rationale: string;

  @ApiProperty({ type: [DissentDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DissentDto)
  dissent: DissentDto[];

  @ApiPropertyOptional({ example: '2026-01-08' })
  @IsOmittable()
  @IsCalendarDate()
  nextDiscussionOn?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The current outcome this one corrects (an outcome is recorded once)',
  })
  @IsOmittable()
  @IsUUID()
  supersedesId?: string;
}

export class ContributeDto {
  @ApiProperty({
    example:
      'Police: no previous call-outs; the mother’s partner has a caution for assault (2019).',
    description: "The caller's agency's contribution (its agency is its MACPT membership's)",
  })
  @Text(1, 10000)
  summary: string;
}

export class CancelStrategyDiscussionDto {
  @ApiProperty({
    example: 'The family moved out of the area; the receiving LA holds the discussion.',
  })
  @Text(10, 2000)
  reason: string;
}

export class RequestStrategyDiscussionDto {
  @ChildIds('The children the discussion should be about')
  childIds: string[];

  @ApiProperty({
    example: 'Second unexplained bruise in a month; we think a discussion is needed.',
  })
  @Text(10, 5000)
  reason: string;
}
