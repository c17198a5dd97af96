import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { readsLaIndicators } from 'src/access/verdict-scopes';
import { AuditService } from 'src/audit/audit.service';
import { longerThanYears, twelveMonthsUpTo } from 'src/common/calendar-period';
import { Clock } from 'src/common/clock';
import { validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { IsOptional } from 'class-validator';
import {
  FamilyViewIndicatorRepository,
  type FamilyViewMeasures,
} from './family-view-indicators.repository';
import { SUMMARY_WORKING_DAYS } from './family-view-rules';

export class FamilyViewIndicatorQuery {
  @ApiPropertyOptional({
    example: '2025-01-01',
    description:
      'Default: the first day of the 12 calendar months up to `to`; at most 3 years before `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-11-30', description: 'Default: today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class FamilyViewIndicators implements FamilyViewMeasures {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Family summaries published in the period' })
  summariesPublished: number;
  @ApiProperty({
    description: `Of them, published within ${SUMMARY_WORKING_DAYS} working days of the plan version coming into force`,
  })
  publishedWithinTimescale: number;
  @ApiProperty({ description: 'Grants active at some point in the period' })
  grantsActive: number;
  @ApiProperty({ description: 'Of them, those whose family member responded in the period' })
  familiesResponded: number;
  @ApiProperty() responses: number;
  @ApiProperty({ description: 'Responses that disagreed' }) disagreements: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Disagreements over responses that agreed or disagreed (null when none)',
  })
  disagreementRate: number | null;
}

/**
 * The family view's practice indicators (docs/family-view.md, "Indicators") for an LA, or for a
 * family_help_manager their own teams' cases: how quickly summaries reach families, how many
 * families respond, and how often they disagree. Aggregates only; the query is audited.
 */
@Injectable()
export class FamilyViewIndicatorsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly repo: FamilyViewIndicatorRepository,
  ) {}

  async compute(actor: Actor, q: FamilyViewIndicatorQuery): Promise<FamilyViewIndicators> {
    const la = actorLa(actor);
    const to = q.to ?? this.clock.today();
    const from = q.from ?? twelveMonthsUpTo(to);
    if (from > to) throw validationFailed('from', 'from must be on or before to');
    if (longerThanYears(from, to, 3))
      throw validationFailed('to', 'to must be at most 3 years after from');
    const wide = readsLaIndicators(actor);
    // The cases counted: the LA's, or those of the family_help_manager's own teams.
    const row = await this.repo.measures(this.ds.manager, la, from, to, wide ? null : actor.id);
    await this.audit.record({
      action: 'indicators.read',
      recordType: 'local_authority',
      recordId: la,
      metadata: { indicator: 'family_view', from, to },
    });
    return { from, to, ...row };
  }
}
