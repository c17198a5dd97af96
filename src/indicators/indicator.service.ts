import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { caseFilterSql } from 'src/access/verdict';
import { readsLaIndicators } from 'src/access/verdict-scopes';
import { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import { notFound, validationFailed } from 'src/common/domain-error';
import { DEFAULT_PAGE_SIZE, Page, decodeCursor, toPage } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { longerThanYears, twelveMonthsUpTo } from 'src/common/calendar-period';
import { INDICATOR_KEYS, INDICATOR_SQL, IndicatorKey } from './indicator-sql';
import { readAllIndicators } from './indicator-lanes';
import { IndicatorRepository, ItemRow, Measures, Period, TeamScope } from './indicator.repository';
import type {
  IndicatorCasesQueryDto,
  IndicatorQueryDto,
  IndicatorsResponse,
  IndicatorValue,
} from './dto/indicator.dto';
import { monthsBetween } from './months';

const MAX_YEARS = 3;

@Injectable()
export class IndicatorService {
  constructor(
    private readonly repo: IndicatorRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every indicator over the period and scope, with its series by month. */
  async indicators(actor: Actor, q: IndicatorQueryDto): Promise<IndicatorsResponse> {
    const la = actorLa(actor);
    const period = this.period(q);
    const rows = await readAllIndicators(
      this.ds,
      this.repo,
      la,
      (m) => this.scope(m, la, actor, q.teamId),
      period,
    );
    const result = {} as Record<IndicatorKey, IndicatorValue>;
    for (const key of INDICATOR_KEYS) result[key] = this.shape(key, rows[key], period);
    await this.audit.record({
      action: 'indicators.read',
      recordType: 'local_authority',
      recordId: la,
      metadata: { teamId: q.teamId ?? null, from: period.from, to: period.to },
    });
    return {
      teamId: q.teamId ?? null,
      from: period.from,
      to: period.to,
      asOf: period.asOf,
      indicators: result,
    };
  }

  /** The items behind one indicator, on the cases the caller may read (restricted cases only to
   * those who open them; an auditor sees none). */
  async cases(actor: Actor, indicator: string, q: IndicatorCasesQueryDto): Promise<Page<ItemRow>> {
    if (!(INDICATOR_KEYS as readonly string[]).includes(indicator)) throw notFound('Indicator');
    const key = indicator as IndicatorKey;
    const la = actorLa(actor);
    const period = this.period(q);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(q.cursor, 2);
    if (cursor && !cursor.every((v) => typeof v === 'string')) {
      throw validationFailed('cursor', 'cursor is not valid');
    }
    const page = await this.ds.transaction('REPEATABLE READ', async (m) => {
      const scope = await this.scope(m, la, actor, q.teamId);
      const rows = await this.repo.itemsPage(
        m,
        la,
        key,
        scope,
        period,
        (params) => caseFilterSql(actor, 'indicators.read', 'fc', params),
        cursor as [string, string] | null,
        limit + 1,
      );
      return toPage(rows, limit, (r) => [r.date, r.itemId]);
    });
    await this.audit.record({
      action: 'indicators.cases.read',
      recordType: 'case',
      metadata: {
        indicator: key,
        teamId: q.teamId ?? null,
        from: period.from,
        to: period.to,
        caseIds: [...new Set(page.data.map((r) => r.caseId))],
      },
    });
    return page;
  }

  private period(q: { from?: string; to?: string }): Period {
    const today = this.clock.today();
    const to = q.to ?? today;
    const from = q.from ?? twelveMonthsUpTo(to);
    if (from > to) throw validationFailed('from', 'from must be on or before to');
    if (longerThanYears(from, to, MAX_YEARS)) {
      throw validationFailed('to', `to must be at most ${MAX_YEARS} years after from`);
    }
    return { from, to, asOf: to < today ? to : today };
  }

  /** The cases counted: a named team (checked by the gate's team row), a family_help_manager's
   * own teams, or the LA. */
  private async scope(
    m: EntityManager,
    la: string,
    actor: Actor,
    teamId: string | undefined,
  ): Promise<TeamScope> {
    if (teamId) {
      await this.access.requireTeamFilter(m, actor, 'indicators.read', teamId);
      const kind = await this.repo.teamKind(m, la, teamId);
      return kind === 'child_protection'
        ? { kind: 'coworked_by', teamId }
        : { kind: 'teams', teamIds: [teamId] };
    }
    const wide = readsLaIndicators(actor);
    if (wide) return { kind: 'la' };
    return { kind: 'teams', teamIds: await this.repo.memberTeams(m, la, actor.id) };
  }

  private shape(
    key: IndicatorKey,
    rows: { month: string | null; measures: Measures }[],
    p: Period,
  ): IndicatorValue {
    const names = Object.keys(INDICATOR_SQL[key].measures);
    const empty = (): Measures =>
      Object.fromEntries(names.map((n) => [n, n.startsWith('median') ? null : 0]));
    const byMonth = new Map(rows.filter((r) => r.month).map((r) => [r.month, r.measures]));
    return {
      definition: `docs/indicators.md#${key}`,
      total: rows.find((r) => r.month === null)?.measures ?? empty(),
      series: monthsBetween(p.from, p.to).map((month) => ({
        month,
        measures: byMonth.get(month) ?? empty(),
      })),
    };
  }
}
