import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  CP_CATEGORIES,
  CpCategory,
  DECISION_TYPES,
  DecisionType,
} from 'src/case-history/case-types';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { IsOmittable } from 'src/common/validation';
import { ProceedingsDecisionFields } from './proceedings-decision.fields';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export const PLAN_END_EXCEPTIONS = ['moved_to_other_la', 'reached_18', 'died', 'left_uk'] as const;
export type PlanEndException = (typeof PLAN_END_EXCEPTIONS)[number];

export class RecordDecisionDto extends ProceedingsDecisionFields {
  @ApiProperty({ enum: DECISION_TYPES, example: 'start_section_47_enquiry' })
  @IsIn(DECISION_TYPES)
  type: DecisionType;

  @ApiProperty({
    example:
      'Strategy discussion with police and health agreed the injuries meet the threshold for enquiries.',
    description: 'Why: required and substantive (at least 20 characters after trimming)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'rationale must be at least 20 characters' })
  @MaxLength(20000)
  rationale: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01'],
    description: 'The children of the case the decision covers (at least one)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];

  @ApiProperty({
    example: '2025-12-18',
    description:
      'The date the decision took effect: not in the future (England), not before the referral ' +
      'or what it depends on (the concern, the enquiry, the conference, the plan): 400 naming it',
  })
  @IsCalendarDate()
  effectiveDate: string;

  @ApiPropertyOptional({
    enum: CP_CATEGORIES,
    description:
      'Children in Need category of abuse; required for (and only for) start_child_protection_plan',
  })
  @ValidateIf(
    (o: RecordDecisionDto) => o.type === 'start_child_protection_plan' || o.category !== undefined,
  )
  @IsIn(CP_CATEGORIES, { message: `category must be one of ${CP_CATEGORIES.join(', ')}` })
  category?: CpCategory;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'start_section_47_enquiry: the concluded strategy discussion (of this case) whose outcome is a ' +
      'section 47 enquiry for these children. The initial conference clock runs from its heldOn. ' +
      'Without it, overrideReason is required (409 strategy_discussion_required)',
  })
  @IsOmittable()
  @IsUUID()
  strategyDiscussionId?: string;

  @ApiPropertyOptional({
    example:
      'Police took the child into police protection overnight; the discussion could not be convened before enquiries began.',
    description:
      'start_section_47_enquiry: why no strategy discussion is cited, or why social care, police or ' +
      'health did not take part in the one cited (at least 20 characters). Shown on the timeline',
  })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'overrideReason must be at least 20 characters' })
  @MaxLength(5000)
  overrideReason?: string;

  @ApiPropertyOptional({
    example: '2025-12-18',
    description:
      'start_section_47_enquiry with overrideReason and no strategyDiscussionId only (then required): ' +
      'the date the initial conference clock runs from (the discussion held outside Tandem, or the ' +
      'day enquiries were agreed); not after effectiveDate, not before the concern. Never defaulted',
  })
  @IsOptional()
  @IsCalendarDate()
  strategyDiscussionDate?: string;

  @ApiPropertyOptional({
    example: '2026-01-12',
    description:
      'convene_initial_cp_conference only: the date booked (defaults to effectiveDate); may be in ' +
      'the future (scheduled), not before the strategy discussion. A plan is started on or after it',
  })
  @IsOptional()
  @IsCalendarDate()
  conferenceDate?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'apply_for_care_proceedings only: true to apply straight from child_protection',
  })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'start_child_protection_plan: a concluded initial, transfer-in or pre-birth conference of this case whose outcome is `start` for each child (409 `conference_outcome_required`); end_child_protection_plan: a concluded review conference whose outcome is `end` for each child (409 `review_conference_required`, unless `exception`)',
  })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;

  @ApiPropertyOptional({
    enum: PLAN_END_EXCEPTIONS,
    description:
      'end_child_protection_plan without a review conference, for a statutory exception only (with `exceptionReason`)',
  })
  @IsOptional()
  @IsIn(PLAN_END_EXCEPTIONS)
  exception?: PlanEndException;

  @ApiPropertyOptional({ example: 'Family moved to Northshire on 2 March; plan transferred.' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  exceptionReason?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The open decision request (on this case) this decision answers',
  })
  @IsOptional()
  @IsUUID()
  requestId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A decision of this case that this one corrects; checked as if that one had not been made',
  })
  @IsOptional()
  @IsUUID()
  supersedesId?: string;
}

export class ChallengeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ example: 'We think the family network can keep the children safe.' })
  view: string;
  @ApiProperty({ format: 'uuid' }) raisedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who raised the challenge (raisedById), looked up in the case's own local authority",
  })
  raisedByName: string | null;
  @ApiProperty({ example: '2025-12-19T09:00:00.000Z' }) raisedAt: string;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: DECISION_TYPES }) type: DecisionType;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({ example: '2025-12-18' }) effectiveDate: string;
  @ApiPropertyOptional({ enum: CP_CATEGORIES, nullable: true }) category: CpCategory | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2025-12-18',
    description: 's47: the date the initial conference clock runs from',
  })
  strategyDiscussionDate: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  strategyDiscussionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) overrideReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: null })
  conferenceDate: string | null;
  @ApiProperty() urgent: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: null })
  conferenceId: string | null;
  @ApiPropertyOptional({
    type: String,
    enum: PLAN_END_EXCEPTIONS,
    nullable: true,
    example: 'moved_to_other_la',
  })
  exception: PlanEndException | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  exceptionReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) requestId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  supersedesId: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set when a later decision supersedes this one (it then has no effect)',
  })
  supersededById: string | null;
  @ApiProperty({ format: 'uuid' }) decidedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who recorded the decision (decidedById), looked up in the case's own local authority",
  })
  decidedByName: string | null;
  @ApiProperty({ example: '2025-12-18T15:20:00.000Z' }) createdAt: string;
  @ApiProperty({ type: [ChallengeResponse], description: 'Recorded disagreements' })
  challenges: ChallengeResponse[];
}

export class RecordedDecisionResponse extends DecisionResponse {
  @ApiProperty({ example: 'child_protection', description: 'The case stage after the decision' })
  caseStage: string;
}

export const DECISION_ORDERS = ['recorded', 'effective'] as const;
export type DecisionOrder = (typeof DECISION_ORDERS)[number];

export class DecisionListQueryDto {
  @ApiPropertyOptional({
    enum: DECISION_ORDERS,
    default: 'recorded',
    description: 'recorded: as recorded; effective: in the order the decisions took effect',
  })
  @IsOptional()
  @IsIn(DECISION_ORDERS)
  order?: DecisionOrder;
}

export class ChallengeDecisionDto {
  @ApiProperty({
    example: 'We disagree: the family network plan agreed last week keeps the children safe.',
    description: "The Family Help practitioner's view (trimmed, 1–10000 characters)",
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  view: string;
}
