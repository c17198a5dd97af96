import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsPastDate } from 'src/families/dto/validators';
import { ACTION_STATUSES, type ActionStatus } from './family-help-plan-action.entity';
import { GOAL_STATUSES, type GoalStatus } from './family-help-plan-goal.entity';

const NOT_BLANK = /\S/;

export class PlanActionDto {
  @ApiProperty({ example: 'Attend the parenting course at the family hub' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A Tandem user of your LA who owns it' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ example: 'Mum (Sara Khan)', description: 'Or the name of who owns it' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'ownerName must not be blank' })
  @MaxLength(200)
  ownerName?: string;

  @ApiPropertyOptional({ example: '2026-02-15' })
  @IsOptional()
  @IsDateOnly()
  dueDate?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, default: 'not_started' })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
}

export class CreateActionDto extends PlanActionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The goal it serves' })
  @IsOptional()
  @IsUUID()
  goalId?: string;
}

export class UpdateActionDto {
  @ApiPropertyOptional({ example: 'Attend the parenting course (evening group)' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ example: 'Dad (Imran Khan)' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'ownerName must not be blank' })
  @MaxLength(200)
  ownerName?: string;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @IsDateOnly()
  dueDate?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
}

export class GoalDto {
  @ApiProperty({ example: 'Amira attends school every day' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ type: [PlanActionDto], description: 'Actions towards this goal' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanActionDto)
  actions?: PlanActionDto[];
}

export class CreatePlanDto {
  @ApiPropertyOptional({ type: [GoalDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => GoalDto)
  goals?: GoalDto[];

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptional()
  @IsDateOnly()
  nextReviewDate?: string;

  @ApiPropertyOptional({
    example: '2026-01-10',
    description:
      "When the plan started (the CIN census's CINPlanStartDate); defaults to today. Not in the future, not before the episode's referral.",
  })
  @IsOptional()
  @IsDateOnly()
  startedOn?: string;
}

export class UpdatePlanDto {
  @ApiPropertyOptional({ example: '2026-05-01' })
  @IsOptional()
  @IsDateOnly()
  nextReviewDate?: string;

  @ApiPropertyOptional({
    example: '2026-01-10',
    description:
      "When the plan started in the case's current episode: corrects it, or restarts the plan in a reopened case. Not in the future, not before the episode's referral.",
  })
  @IsOptional()
  @IsDateOnly()
  startedOn?: string;
}

export class CreateGoalDto {
  @ApiProperty({ example: 'The family has a safe, stable home' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  @MaxLength(2000)
  description: string;
}

export class UpdateGoalDto {
  @ApiPropertyOptional({ example: 'The family has a safe, stable home by the summer' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;
}

export class CreateReviewDto {
  @ApiProperty({
    example: '2025-10-20',
    description: 'When the review took place (not in the future)',
  })
  @IsPastDate()
  date: string;

  @ApiProperty({ example: 'Attendance up to 94%; housing application submitted.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'summary must not be blank' })
  @MaxLength(10000)
  summary: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Sets the plan’s next review date' })
  @IsOptional()
  @IsDateOnly()
  nextReviewDate?: string;
}

export class PlanGoalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Amira attends school every day' }) description: string;
  @ApiProperty({ enum: GOAL_STATUSES }) status: GoalStatus;
  @ApiProperty({ example: '2026-01-10T10:00:00.000Z' }) createdAt: string;
}

export class PlanActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) goalId: string | null;
  @ApiProperty({ example: 'Attend the parenting course' }) description: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerUserId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of the owning user (ownerUserId), looked up in the plan's own local authority; null when the action has no owning user",
  })
  ownerUserName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mum (Sara Khan)' }) ownerName:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-15' }) dueDate: string | null;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ example: '2026-01-10T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-01-10T10:00:00.000Z' }) updatedAt: string;
}

/** An action as `POST …/family-help-plan/actions` and `PATCH …/actions/:actionId` return it (as
 * the safety-plan action routes return theirs): the action, its plan, and the plan's version,
 * which is the ETag and what the next `If-Match` on the plan or any of its parts must send. */
export class PlanActionResult extends PlanActionResponse {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({
    example: 4,
    description: "The plan's version after the change (the ETag; send it as If-Match)",
  })
  version: number;
}

export class PlanReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-03-01' }) date: string;
  @ApiProperty({ example: 'Attendance up to 94%.' }) summary: string;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who recorded the review (recordedById), looked up in the plan's own local authority",
  })
  recordedByName: string | null;
  @ApiProperty({ example: '2026-03-01T16:00:00.000Z' }) createdAt: string;
}

export class PlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-04-01' }) nextReviewDate:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-01-10',
    description:
      "When the plan started in the case's current episode (null: not restarted since the case reopened)",
  })
  startedOn: string | null;
  @ApiProperty({ example: 3, description: 'Moves on every change to the plan or its parts' })
  version: number;
  @ApiProperty({ type: [PlanGoalResponse] }) goals: PlanGoalResponse[];
  @ApiProperty({ type: [PlanActionResponse] }) actions: PlanActionResponse[];
  @ApiProperty({ type: [PlanReviewResponse] }) reviews: PlanReviewResponse[];
  @ApiProperty({ example: '2026-01-10T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-01-10T10:00:00.000Z' }) updatedAt: string;
}
