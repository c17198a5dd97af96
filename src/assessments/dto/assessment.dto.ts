import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  ASSESSMENT_FACTOR_CODES,
  PRIMARY_NEED_CODES,
  type AssessmentFactor,
  type PrimaryNeed,
} from 'src/cases/cin-codes';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { ASSESSMENT_OUTCOMES, type AssessmentOutcome } from '../assessment.entity';

@ValidatorConstraint({ name: 'noFactorsAlone' })
class NoFactorsAlone implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return !Array.isArray(v) || !v.includes('21') || v.length === 1;
  }
  defaultMessage() {
    return 'factors: 21 (no factors identified) cannot be given with another factor';
  }
}

export class StartAssessmentDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['5b2d7e10-3c4a-4f8e-8d61-2a9c0e7f4b35'],
    description: 'The children the assessment covers (children of the case)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];

  @ApiProperty({ example: '2025-11-03', description: 'Not before the referral, not in the future' })
  @IsCalendarDate()
  startedOn: string;
}

export class CompleteAssessmentRecordDto {
  @ApiProperty({ example: '2025-11-20', description: 'Not before the start, not in the future' })
  @IsCalendarDate()
  completedOn: string;

  @ApiProperty({ enum: ASSESSMENT_OUTCOMES, example: 'family_help_plan' })
  @IsIn(ASSESSMENT_OUTCOMES)
  outcome: AssessmentOutcome;

  @ApiPropertyOptional({
    example: 'Needs met through a Family Help plan; school and health visitor involved.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  summary?: string;

  @ApiPropertyOptional({
    example: 'Family abroad for three weeks; assessment resumed on their return.',
    description: 'Required when completed after the due date (45 working days from the referral)',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'lateReason must not be blank' })
  @MaxLength(2000)
  lateReason?: string;

  @ApiPropertyOptional({
    enum: ASSESSMENT_FACTOR_CODES,
    isArray: true,
    example: ['3B', '4B'],
    description:
      'CIN census factors identified at assessment (1A…24A; 21 "no factors identified" alone, no repeats). Expected on every completed assessment',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(42)
  @ArrayUnique()
  @IsIn(ASSESSMENT_FACTOR_CODES, { each: true })
  @Validate(NoFactorsAlone)
  factors?: AssessmentFactor[];

  @ApiPropertyOptional({
    enum: PRIMARY_NEED_CODES,
    example: 'N1',
    description: 'CIN census primary need found by the assessment (N0-N9)',
  })
  @IsOptional()
  @IsIn(PRIMARY_NEED_CODES)
  primaryNeed?: PrimaryNeed;
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) id: string;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) caseId: string;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['5b2d7e10-3c4a-4f8e-8d61-2a9c0e7f4b35'],
  })
  childIds: string[];
  @ApiProperty({ enum: ['in_progress', 'completed', 'authorised'], example: 'authorised' })
  status: 'in_progress' | 'completed' | 'authorised';
  @ApiProperty({ example: '2025-11-03' }) startedOn: string;
  @ApiProperty({
    example: '2026-01-07',
    description: 'Due 45 working days after the case referral',
  })
  dueDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-11-20' })
  completedOn: string | null;
  @ApiProperty({ example: false, description: 'Completed after the due date' }) late: boolean;
  @ApiProperty({
    type: String,
    enum: ASSESSMENT_OUTCOMES,
    nullable: true,
    example: 'family_help_plan',
  })
  outcome: AssessmentOutcome | null;
  @ApiProperty({ type: String, nullable: true, example: 'No unmet needs found.' }) summary:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) lateReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10',
  })
  authorisedById: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-11-21T10:00:00.000Z',
  })
  authorisedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2025-11-21',
    description: 'The authorisation date (the census AssessmentAuthorisationDate)',
  })
  authorisedOn: string | null;
  @ApiProperty({ type: [String], nullable: true, example: ['3B', '4B'] })
  factors: string[] | null;
  @ApiProperty({ type: String, nullable: true, example: 'N1' })
  primaryNeed: string | null;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  createdById: string;
  @ApiProperty({ example: '2025-11-03T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class AssessmentPage {
  @ApiProperty({ type: [AssessmentResponse] }) data: AssessmentResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
