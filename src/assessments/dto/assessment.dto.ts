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
} from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { ASSESSMENT_OUTCOMES, type AssessmentOutcome } from '../assessment.entity';

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

  @ApiProperty({ example: '2026-11-03', description: 'Not before the referral, not in the future' })
  @IsCalendarDate()
  startedOn: string;
}

export class CompleteAssessmentRecordDto {
  @ApiProperty({ example: '2026-11-20', description: 'Not before the start, not in the future' })
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
  @ApiProperty({ example: '2026-11-03' }) startedOn: string;
  @ApiProperty({
    example: '2027-01-07',
    description: 'Due 45 working days after the case referral',
  })
  dueDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-20' })
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
    example: '2026-11-21T10:00:00.000Z',
  })
  authorisedAt: string | null;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  createdById: string;
  @ApiProperty({ example: '2026-11-03T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class AssessmentPage {
  @ApiProperty({ type: [AssessmentResponse] }) data: AssessmentResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
