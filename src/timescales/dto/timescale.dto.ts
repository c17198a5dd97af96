import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import {
  TIMESCALE_KINDS,
  TIMESCALE_STATUSES,
  TimescaleKind,
  TimescaleStatus,
} from 'src/case-history/timescale-rules';
import { IsCalendarDate } from 'src/common/is-calendar-date';

const AS_OF =
  'Compute statuses as at the end of this date (YYYY-MM-DD) instead of today (England), ' +
  'counting only what had happened by then (history, referrals, completions, meetings, visits ' +
  'and reviews dated later are left out), so a report for a past date does not change when ' +
  'later work is recorded';

export class TimescaleQueryDto {
  @ApiPropertyOptional({ example: '2026-01-14', description: AS_OF })
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

  @ApiPropertyOptional({ example: '2026-01-14', description: AS_OF })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class TimescaleResponse {
  @ApiProperty({ enum: TIMESCALE_KINDS, example: 'initial_cp_conference' }) kind: TimescaleKind;
  @ApiProperty({ example: '2026-01-13' }) dueDate: string;
  @ApiProperty({
    enum: TIMESCALE_STATUSES,
    description:
      'due: not yet due, not done; overdue: past due, not done; met: done on or before the due ' +
      'date; met_late: done after it (see daysLate)',
  })
  status: TimescaleStatus;
  @ApiPropertyOptional({ example: '2026-01-12', description: 'When it was met' }) metAt?: string;
  @ApiPropertyOptional({
    example: 13,
    description: 'met_late only: calendar days after the due date',
  })
  daysLate?: number;
  @ApiPropertyOptional({
    example: '2026-01-12',
    description:
      'A conference booked for this date, not yet held (scheduled, never counted as held)',
  })
  scheduledFor?: string;
  @ApiPropertyOptional({
    example: '2026-03-01',
    description:
      'The episode this item belongs to (a referral, a section 47 enquiry, a plan) ended on this ' +
      'date: kept as history, not outstanding work',
  })
  endedOn?: string;
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
  @ApiProperty({ type: String, nullable: true, example: 'Riverside Family Help' })
  teamName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Jo Practitioner' })
  leadPractitionerName: string | null;
}

export class TimescaleListResponse {
  @ApiProperty({ type: [TimescaleResponse], description: 'Sorted by due date, then kind' })
  data: TimescaleResponse[];
}
