import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { IsCalendarDate } from 'src/common/is-calendar-date';

export const ECPP_ASSIGNMENT_KINDS = ['accountable', 'cover'] as const;
export type EcppAssignmentKind = (typeof ECPP_ASSIGNMENT_KINDS)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RaiseConcernDto {
  @ApiProperty({
    example: 'Bruising to the upper arm seen at nursery; mother says he fell.',
    description: 'What the concern of significant harm is (trimmed, 1–10000 characters)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  summary: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01'],
    description: 'The children of the case the concern is about (at least one)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];

  @ApiPropertyOptional({
    example: '2025-12-17',
    description:
      'The date the concern was raised (defaults to today in England); not in the future, not ' +
      "before the case's referral",
  })
  @IsOptional()
  @IsCalendarDate()
  raisedOn?: string;
}

export class ConcernResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) raisedById: string;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({ example: 'Bruising to the upper arm seen at nursery.' }) summary: string;
  @ApiProperty({ example: '2025-12-17', description: 'The date the concern was raised' })
  raisedOn: string;
  @ApiProperty({ example: '2025-12-17T10:15:00.000Z' }) raisedAt: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: null })
  closedAt: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The decision that closed it',
  })
  closedByDecisionId: string | null;
}

export class UnallocatedConcernResponse extends ConcernResponse {
  @ApiProperty({ format: 'uuid', description: 'The Family Help team of the case' })
  teamId: string;
  @ApiProperty({ format: 'uuid' }) leadPractitionerId: string;
  @ApiProperty({ example: 'family_help' }) stage: string;
  @ApiProperty({ type: String, nullable: true, example: 'Riverside Family Help' })
  teamName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Jo Practitioner' })
  leadPractitionerName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description: 'Who raised the concern (a user or API client of the LA)',
  })
  raisedByName: string | null;
}

export class AssignCoWorkerDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'An ECPP (Expert / Lead Child Protection Practitioner): a user of the same local authority ' +
      'holding the `ecpp` role, a social worker (profession `social_worker`) of a child_protection ' +
      "team, and neither the case's lead practitioner nor a member of its Family Help team " +
      '(409 `not_independent`)',
  })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-12-01',
    description:
      'The date the assignment took effect (default: today in England); not in the future, not ' +
      "before the case's referral. The ECPP's decisions are not dated before it",
  })
  @IsOptional()
  @IsCalendarDate()
  assignedOn?: string;

  @ApiPropertyOptional({
    enum: ECPP_ASSIGNMENT_KINDS,
    default: 'accountable',
    description:
      '`accountable`: the one ECPP accountable for the case (409 `accountable_ecpp_exists` while ' +
      'another is active); `cover`: while the accountable ECPP is away, from `assignedOn` to `to`',
  })
  @IsOptional()
  @IsIn(ECPP_ASSIGNMENT_KINDS)
  kind?: EcppAssignmentKind;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-12-20',
    description:
      'The last day of a cover (required for `cover`, not before `assignedOn`); a cover ECPP records ' +
      'decisions only while the cover runs',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class EndCoWorkerDto {
  @ApiProperty({ example: 'Cover while the allocated ECPP is on leave has ended' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class CoWorkerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'ecpp' }) role: string;
  @ApiProperty({ format: 'uuid' }) assignedById: string;
  @ApiProperty({ example: '2025-12-17T10:15:00.000Z', description: 'When it was recorded' })
  assignedAt: string;
  @ApiProperty({ format: 'date', example: '2025-12-17', description: 'When it took effect' })
  assignedOn: string;
  @ApiProperty({ enum: ECPP_ASSIGNMENT_KINDS, example: 'accountable' }) kind: EcppAssignmentKind;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: null,
    description: 'The last day of a cover',
  })
  to: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) endedAt:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty({ description: 'Assigned and not ended' }) active: boolean;
}

export class CoWorkingSummaryResponse {
  @ApiProperty({
    description: 'True when a concern of significant harm is open and no ECPP is assigned',
  })
  needsEcpp: boolean;
  @ApiProperty({ type: [ConcernResponse] }) openConcerns: ConcernResponse[];
  @ApiProperty({ type: [CoWorkerResponse], description: 'Every assignment, current and ended' })
  coWorkers: CoWorkerResponse[];
}

export class UnallocatedConcernQueryDto extends PageQueryDto {}
