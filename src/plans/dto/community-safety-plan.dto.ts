import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AGENCIES, Agency } from 'src/access/roles';
import { IsOmittable } from 'src/common/validation';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import {
  ACTION_STATUSES,
  ActionStatus,
  CSP_STATUSES,
  CspStatus,
  HARM_TYPES,
  HarmType,
} from '../plan-rules';
import { PlanChildResponse, NetworkPlanReviewResponse, trim } from './common.dto';

export class PersonOfConcernDto {
  @ApiProperty({ example: '"Dee" (older male, not known to the family)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Seen collecting Jay from the park in a grey car' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** The `start_community_safety_plan` decision with the plan's content: one record, one transaction. */
export class StartCommunitySafetyPlanDto {
  @ApiProperty({ format: 'uuid', description: 'The young person (a child of the case)' })
  @IsUUID()
  childId: string;

  @ApiProperty({ enum: HARM_TYPES, isArray: true, example: ['criminal_exploitation'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(HARM_TYPES, { each: true })
  harmTypes: HarmType[];

  @ApiProperty({
    type: [String],
    example: ['Station Road park after school', 'Train line to the coast (county line)'],
    description: 'Places and contexts of concern',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  contexts: string[];

  @ApiPropertyOptional({ type: [PersonOfConcernDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PersonOfConcernDto)
  personsOfConcern?: PersonOfConcernDto[];

  @ApiProperty({ example: '2026-03-01' })
  @IsCalendarDate()
  reviewDate: string;

  @ApiProperty({
    example: 'Police intelligence links Jay to a county line; exploitation risk is significant.',
    description: "The decision's rationale (at least 20 characters); never shown to partners",
  })
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'rationale must be at least 20 characters' })
  @MaxLength(20000)
  rationale: string;

  @ApiPropertyOptional({ example: '2026-01-20', description: 'Default: today' })
  @IsOmittable()
  @IsCalendarDate()
  effectiveDate?: string;
}

/** The `end_community_safety_plan` decision. */
export class EndCommunitySafetyPlanDto {
  @ApiProperty({ example: 'Jay has disengaged from the line; risks reduced over three reviews.' })
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'rationale must be at least 20 characters' })
  @MaxLength(20000)
  rationale: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Default: today' })
  @IsOmittable()
  @IsCalendarDate()
  effectiveDate?: string;
}

export class CreateSafetyActionDto {
  @ApiProperty({ enum: AGENCIES, example: 'police' })
  @IsIn(AGENCIES)
  agency: Agency;

  @ApiProperty({ example: 'Disruption visits to the address of concern' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiProperty({ example: '2026-02-01' })
  @IsCalendarDate()
  dueDate: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A user of the local authority (of that agency if a partner)',
  })
  @IsOmittable()
  @IsUUID()
  ownerUserId?: string;
}

export class UpdateSafetyActionDto {
  @ApiProperty({ enum: ACTION_STATUSES, example: 'in_progress' })
  @IsIn(ACTION_STATUSES)
  status: ActionStatus;
}

export class SafetyActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ enum: AGENCIES }) agency: Agency;
  @ApiProperty({ example: 'Disruption visits' }) description: string;
  @ApiProperty({ example: '2026-02-01' }) dueDate: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerUserId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of the owning user (ownerUserId), looked up in the plan's own local authority; null when the action has no owner",
  })
  ownerUserName: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '2026-01-20T10:00:00.000Z' }) updatedAt: string;
}

class PersonOfConcernResponse {
  @ApiProperty({ example: '"Dee"' }) name: string;
  @ApiPropertyOptional() description?: string;
}

export class CommunitySafetyPlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Not shown to partners' }) caseId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Not shown to partners' })
  startDecisionId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Not shown to partners',
  })
  endDecisionId?: string | null;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ type: PlanChildResponse }) child: PlanChildResponse;
  @ApiProperty({ enum: CSP_STATUSES }) status: CspStatus;
  @ApiProperty({ enum: HARM_TYPES, isArray: true }) harmTypes: HarmType[];
  @ApiProperty({ type: [String] }) contexts: string[];
  @ApiProperty({ type: [PersonOfConcernResponse] }) personsOfConcern: PersonOfConcernResponse[];
  @ApiProperty({ example: '2026-03-01' }) reviewDate: string;
  @ApiProperty({ example: '2026-01-20' }) startedOn: string;
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ type: [SafetyActionResponse] }) actions: SafetyActionResponse[];
  @ApiProperty({ type: [NetworkPlanReviewResponse] }) reviews: NetworkPlanReviewResponse[];
  @ApiProperty({ example: 1 }) version: number;
}
