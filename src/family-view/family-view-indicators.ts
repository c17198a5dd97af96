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

/** Local timescale for publishing a family summary: working days after the plan version came
 * into force (its start, agreement or creation). */
export const SUMMARY_WORKING_DAYS = 10;

export class FamilyViewIndicatorQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description:
      'Default: the first day of the 12 calendar months up to `to`; at most 3 years before `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Default: today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class FamilyViewIndicators {
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
    const scope = wide
      ? 'TRUE'
      : `c.team_id IN (SELECT tm.team_id FROM team_member tm WHERE tm.user_id = $4)`;
    const [row] = await this.ds.query(
      `WITH cases AS (SELECT c.id FROM case_record c WHERE c.local_authority_id = $1 AND ${scope}),
       published AS (
         SELECT s.published_at, (s.published_at AT TIME ZONE 'Europe/London')::date AS on_day,
                CASE s.plan_type
                  WHEN 'cp_plan' THEN (SELECT d.effective_date FROM decision d WHERE d.id = s.plan_id)
                  WHEN 'family_network_plan' THEN
                    (SELECT (max(a.agreed_at) AT TIME ZONE 'Europe/London')::date
                       FROM family_network_plan_agreement a
                      WHERE a.plan_id = s.plan_id AND a.version_number = s.plan_version)
                  WHEN 'community_safety_plan' THEN
                    (SELECT p.started_on FROM community_safety_plan p WHERE p.id = s.plan_id)
                  ELSE (SELECT (p.created_at AT TIME ZONE 'Europe/London')::date
                          FROM family_help_plan p WHERE p.id = s.plan_id)
                END AS in_force_on
           FROM family_summary s
          WHERE s.local_authority_id = $1 AND s.case_id IN (SELECT id FROM cases)
            AND s.status = 'published'
            AND (s.published_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3),
       grants AS (
         SELECT g.id FROM family_access_grant g
          WHERE g.local_authority_id = $1 AND g.case_id IN (SELECT id FROM cases)
            AND (g.approved_at AT TIME ZONE 'Europe/London')::date <= $3
            AND (g.status = 'active' OR (g.status_changed_at AT TIME ZONE 'Europe/London')::date >= $2)),
       answers AS (
         SELECT r.grant_id, r.agrees FROM family_response r
          WHERE r.local_authority_id = $1 AND r.case_id IN (SELECT id FROM cases)
            AND (r.recorded_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3)
       SELECT (SELECT count(*) FROM published)::int AS "summariesPublished",
              (SELECT count(*) FROM published p
                 JOIN working_day w0 ON w0.day = p.in_force_on
                 JOIN working_day w1 ON w1.day = p.on_day
                WHERE w1.n - w0.n <= ${SUMMARY_WORKING_DAYS})::int AS "publishedWithinTimescale",
              (SELECT count(*) FROM grants)::int AS "grantsActive",
              (SELECT count(DISTINCT grant_id) FROM answers
                WHERE grant_id IN (SELECT id FROM grants))::int AS "familiesResponded",
              (SELECT count(*) FROM answers)::int AS responses,
              (SELECT count(*) FROM answers WHERE agrees = false)::int AS disagreements,
              (SELECT round(count(*) FILTER (WHERE agrees = false)::numeric
                            / nullif(count(agrees), 0), 3)::float8 FROM answers) AS "disagreementRate"`,
      wide ? [la, from, to] : [la, from, to, actor.id],
    );
    await this.audit.record({
      action: 'indicators.read',
      recordType: 'local_authority',
      recordId: la,
      metadata: { indicator: 'family_view', from, to },
    });
    return { from, to, ...row };
  }
}
