import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { INDICATOR_KEYS, IndicatorKey } from '../indicator-sql';

const TEAM =
  'Only this team: a Family Help team counts its cases, a child_protection team the cases ' +
  'co-worked by its ECPPs. A family_help_manager may name only their own teams and, without ' +
  'teamId, sees their own teams; cp_manager, auditor and service_manager: any team of the LA, or the whole LA.';

export class IndicatorQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: TEAM })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({
    example: '2025-05-01',
    description:
      'First day counted (default: the first day of the month 11 months before `to`: the 12 calendar months up to `to`)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-04-30',
    description:
      'Last day counted (default today, England). Statuses and answers are as known on ' +
      'min(to, today). At most 3 years after `from`.',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class IndicatorCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: TEAM })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ example: '2025-05-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class IndicatorSeriesPoint {
  @ApiProperty({ example: '2026-01', description: 'Month (YYYY-MM); every month of the period' })
  month: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    example: { items: 4, met: 3, metLate: 1, overdue: 0, due: 0, medianDaysLate: 2 },
    description: "The indicator's measures for that month (medians null without items)",
  })
  measures: Record<string, number | null>;
}

export class IndicatorValue {
  @ApiProperty({ example: 'docs/indicators.md#timescale_assessment' }) definition: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'The measures over the whole period',
  })
  total: Record<string, number | null>;
  @ApiProperty({ type: [IndicatorSeriesPoint], description: 'Chart-ready series by month' })
  series: IndicatorSeriesPoint[];
}

export class IndicatorsResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ example: '2025-05-01' }) from: string;
  @ApiProperty({ example: '2026-04-30' }) to: string;
  @ApiProperty({ example: '2026-04-30', description: 'Statuses as known on this day' })
  asOf: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/IndicatorValue' },
    description: `One entry per indicator: ${INDICATOR_KEYS.join(', ')}`,
  })
  indicators: Record<IndicatorKey, IndicatorValue>;
}

export class IndicatorCaseRow {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '2026-01-13', description: 'The day the item is counted on' })
  date: string;
  @ApiProperty({
    description: 'The counted thing (decision, concern, request, visit …; plan:child)',
  })
  itemId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { status: 'met_late', daysLate: 2 },
    description: "The item's own values",
  })
  values: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', description: "The case's team now" })
  teamId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Family Help North',
    description: "The display name of the case's team (teamId)",
  })
  teamName: string | null;
  @ApiProperty({ format: 'uuid', description: "The case's lead practitioner now" })
  leadPractitionerId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of the case's lead practitioner (leadPractitionerId), looked up in the case's own local authority",
  })
  leadPractitionerName: string | null;
}

export class IndicatorCasesResponse {
  @ApiProperty({ type: [IndicatorCaseRow] }) data: IndicatorCaseRow[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
