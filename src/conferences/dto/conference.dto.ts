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
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CP_CATEGORIES, type CpCategory } from 'src/case-history/case-types';
import { DissentDto } from 'src/common/dissent.dto';
import { IsCalendarDate } from 'src/timescales/dto/is-calendar-date';
import {
  CONFERENCE_AGENCIES,
  CONFERENCE_TYPES,
  PLAN_OUTCOMES,
  type ConferenceAgency,
  type ConferenceType,
  type PlanOutcome,
} from '../conference-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ScheduleConferenceDto {
  @ApiProperty({ enum: CONFERENCE_TYPES, example: 'initial' })
  @IsIn(CONFERENCE_TYPES)
  type: ConferenceType;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Children of the case it is about' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];

  @ApiProperty({
    example: '2025-12-10T10:00:00Z',
    description: 'When it meets (ISO datetime); in the past when recorded after the fact',
  })
  @IsISO8601({ strict: true })
  scheduledFor: string;

  @ApiProperty({
    format: 'uuid',
    description:
      "A `conference_chair` of the LA, independent of the case: not its lead practitioner, its ECPP, a member of its Family Help team, nor of the ECPP's child-protection team (409 `chair_not_independent`)",
  })
  @IsUUID()
  chairId: string;
}

export class AttendanceDto {
  @ApiProperty({ enum: CONFERENCE_AGENCIES, example: 'health' })
  @IsIn(CONFERENCE_AGENCIES)
  agency: ConferenceAgency;

  @ApiPropertyOptional({ format: 'uuid', description: 'A Tandem user, or `name` for an outsider' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'Dr A. Patel, GP' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  attended: boolean;
}

export class ParentsDto {
  @ApiProperty({ example: true, description: 'The parents attended' })
  @IsBoolean()
  attended: boolean;

  @ApiPropertyOptional({
    example: 'Excluded for the first part: risk of violence to the child’s mother',
    description: 'Required when the parents did not attend (why they were excluded or absent)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  excludedReason?: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  advocatePresent: boolean;
}

export class ChildViewsDto {
  @ApiProperty({ example: 'Leo wants to stay at home and for the shouting to stop.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  views: string;

  @ApiProperty({ example: 'Direct work with the social worker at school; drawings' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  how: string;
}

export class RecordHeldDto {
  @ApiProperty({ format: 'date', example: '2025-12-02', description: 'Not in the future' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ type: [AttendanceDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance: AttendanceDto[];

  @ApiProperty({ type: ParentsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ParentsDto)
  parents: ParentsDto;

  @ApiPropertyOptional({ type: ChildViewsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChildViewsDto)
  childViews?: ChildViewsDto;
}

export class ChildOutcomeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  childId: string;

  @ApiProperty({
    enum: PLAN_OUTCOMES,
    example: 'start',
    description: 'initial, transfer_in, pre_birth: `start` | `none`; review: `continue` | `end`',
  })
  @IsIn(PLAN_OUTCOMES)
  plan: PlanOutcome;

  @ApiPropertyOptional({ enum: CP_CATEGORIES, example: 'NEG', description: 'Required for start' })
  @IsOptional()
  @IsIn(CP_CATEGORIES)
  category?: CpCategory;

  @ApiPropertyOptional({ example: 'Risk now managed within Family Help' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  endReason?: string;
}

export class RecordOutcomeDto {
  @ApiProperty({ type: [ChildOutcomeDto], description: 'One per child of the conference' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChildOutcomeDto)
  children: ChildOutcomeDto[];

  @ApiProperty({ example: 'Parents to engage with the domestic abuse service; weekly visits.' })
  @Transform(trim)
  @IsString()
  @MaxLength(20000)
  outlinePlan: string;

  @ApiProperty({ example: 'If the plan fails, a legal gateway meeting will be held.' })
  @Transform(trim)
  @IsString()
  @MaxLength(20000)
  contingency: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Core group members; must include the lead practitioner and the accountable ECPP while a child is on a plan',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coreGroup: string[];

  @ApiProperty({ type: [DissentDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DissentDto)
  dissent: DissentDto[];

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-03-02',
    description:
      'The next review conference (required while a child is on a plan); after the conference',
  })
  @IsOptional()
  @IsCalendarDate()
  nextReviewBy?: string;
}

export class ConferenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CONFERENCE_TYPES }) type: ConferenceType;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({ example: '2025-12-10T10:00:00.000Z' }) scheduledFor: string;
  @ApiProperty({ format: 'uuid' }) chairId: string;
  @ApiProperty({ enum: ['scheduled', 'held', 'concluded'] }) status: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: null })
  heldOn: string | null;
  @ApiPropertyOptional({ type: [AttendanceDto], nullable: true }) attendance:
    AttendanceDto[] | null;
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'Social care and two other agencies attended',
  })
  quorate: boolean | null;
  @ApiPropertyOptional({ type: ParentsDto, nullable: true }) parents: ParentsDto | null;
  @ApiPropertyOptional({ type: ChildViewsDto, nullable: true }) childViews: ChildViewsDto | null;
  @ApiPropertyOptional({ type: RecordOutcomeDto, nullable: true }) outcome: RecordOutcomeDto | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: null })
  concludedAt: string | null;
}

export class ConferencePage {
  @ApiProperty({ type: [ConferenceResponse] }) data: ConferenceResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
