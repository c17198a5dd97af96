import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { TIMESCALE_KINDS, TimescaleKind, TimescaleStatus } from '../timescale-rules';
import { IsCalendarDate } from './is-calendar-date';

const AS_OF =
  'Compute statuses as at this date (YYYY-MM-DD) instead of today (England), for ' +
  'reproducible reports and tests; due dates do not depend on it';

export class TimescaleQueryDto {
  @ApiPropertyOptional({ example: '2027-01-14', description: AS_OF })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class OverdueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Only this team's cases: a Family Help team (the case's team) or a child_protection team " +
      '(cases co-worked by one of its ECPPs). A family_help_manager may name only their own teams',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ example: '2027-01-14', description: AS_OF })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class TimescaleResponse {
  @ApiProperty({ enum: TIMESCALE_KINDS, example: 'initial_cp_conference' }) kind: TimescaleKind;
  @ApiProperty({ example: '2027-01-13' }) dueDate: string;
  @ApiProperty({ enum: ['due', 'met', 'overdue'] }) status: TimescaleStatus;
  @ApiPropertyOptional({ example: '2027-01-12', description: 'When it was met' }) metAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Per-child items (visits)' })
  childId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Family network plan reviews' })
  planId?: string;
}

export class OverdueTimescaleResponse extends TimescaleResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid', description: "The case's Family Help team" }) teamId: string;
  @ApiProperty({ format: 'uuid' }) leadPractitionerId: string;
  @ApiProperty({ example: 'child_protection' }) stage: string;
}
