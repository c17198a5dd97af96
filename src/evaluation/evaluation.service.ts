import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { LA_ROLES } from 'src/access/roles';
import { DECISION_TYPES, STAGES as CASE_STAGES } from 'src/case-history/case-types';
import { Clock } from 'src/common/clock';
import { validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { longerThanYears } from 'src/common/calendar-period';
import type { CreateExtractDto, ExtractResponse } from './dto/extract.dto';
import { EvaluationRepository, EventSource } from './evaluation.repository';
import { Column, ageBand, pseudonym, suppress, toCsv } from './pseudonymise';

export const MAX_EXTRACT_EPISODES = 200_000;
const STAGES: readonly string[] = CASE_STAGES;
/** The roles an LA grants (src/access/roles.ts): the codes an extract may carry. */
const KNOWN_ROLES: readonly string[] = LA_ROLES;

export const EPISODE_COLUMNS: Column[] = [
  { name: 'episode_ref', type: 'string' },
  { name: 'case_ref', type: 'string' },
  { name: 'child_ref', type: 'string' },
  { name: 'team_ref', type: 'string' },
  { name: 'team_kind', type: 'string' },
  { name: 'age_band_at_referral', type: 'string' },
  { name: 'referral_month', type: 'string' },
  { name: 'referral_source', type: 'string' },
  { name: 'stage', type: 'string' },
  { name: 'closed', type: 'boolean' },
  { name: 'closure_reason', type: 'string' },
  { name: 'weeks_open', type: 'integer' },
  { name: 'cp_plans', type: 'integer' },
];
export const EVENT_COLUMNS: Column[] = [
  { name: 'case_ref', type: 'string' },
  { name: 'seq', type: 'integer' },
  { name: 'event_type', type: 'string' },
  { name: 'decision_type', type: 'string' },
  { name: 'week_offset', type: 'integer' },
  { name: 'stage_before', type: 'string' },
  { name: 'stage_after', type: 'string' },
  { name: 'actor_role', type: 'string' },
  { name: 'team_kind', type: 'string' },
];
export const AGGREGATE_COLUMNS: Column[] = [
  { name: 'age_band_at_referral', type: 'string' },
  { name: 'stage', type: 'string' },
  { name: 'team_kind', type: 'string' },
  { name: 'child_episodes', type: 'integer' },
  { name: 'suppressed', type: 'boolean' },
];

const days = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
/** Whole weeks: with the referral month alone, an offset in weeks does not give back a date. */
export const weeks = (days: number) => Math.floor(days / 7);

/** Whether `to` is the last day of its month (the day after it is a 1st). */
const isMonthEnd = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;

/**
 * The pseudonymised evaluation extract (docs/evaluation-extract.md): a fresh random key per
 * extract, used for every pseudonym and then dropped (never stored, logged or returned); no
 * names, dates of birth only as age bands, no free text, ids only as pseudonyms; periods of whole
 * months, offsets in whole weeks; restricted cases in no table (the aggregates count the rows'
 * population); every extract audited with its purpose and lawful basis.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly repo: EvaluationRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async extract(actor: Actor, dto: CreateExtractDto): Promise<ExtractResponse> {
    const la = actorLa(actor);
    const { from, to } = dto;
    if (from > to) throw validationFailed('from', 'from must be on or before to');
    // Whole months: a period's edge inside a month would let two extracts be subtracted to
    // single out the cases referred on a few days.
    if (!from.endsWith('-01'))
      throw validationFailed(
        'from',
        'from must be the first day of a month (periods are whole months)',
      );
    if (!isMonthEnd(to))
      throw validationFailed('to', 'to must be the last day of a month (periods are whole months)');
    if (longerThanYears(from, to, 3)) {
      throw validationFailed('to', 'to must be at most 3 years after from');
    }
    const today = this.clock.today();
    const key = randomBytes(32);
    const extractId = randomUUID();

    const { episodes, events } = await this.ds.transaction('REPEATABLE READ', async (m) => {
      const n = await this.repo.countEpisodes(m, la, from, to);
      if (n > MAX_EXTRACT_EPISODES) {
        throw validationFailed(
          'from',
          `the period holds ${n} child-episodes, over ${MAX_EXTRACT_EPISODES}: narrow it`,
        );
      }
      return {
        episodes: await this.repo.episodes(m, la, from, to),
        events: await this.repo.events(m, la, from, to),
      };
    });

    const episodeRows = episodes
      .filter((e) => !e.restricted)
      .map((e) => ({
        // The first episode keeps the reference it had before episodes were split.
        episode_ref: pseudonym(
          key,
          'episode',
          e.seq === 1 ? `${e.caseId}:${e.childId}` : `${e.caseId}:${e.childId}:${e.seq}`,
        ),
        case_ref: pseudonym(key, 'case', e.caseId),
        child_ref: pseudonym(key, 'child', e.childId),
        team_ref: pseudonym(key, 'team', e.teamId),
        team_kind: e.teamKind,
        age_band_at_referral: ageBand(e.dob, e.referralDate),
        referral_month: e.referralDate.slice(0, 7),
        referral_source: e.referralSource,
        stage: e.stage,
        closed: e.closed,
        closure_reason: e.closureReason,
        // A closure whose date was never recorded: unknown, not counted to today.
        weeks_open:
          e.closed && !e.closedOn ? null : weeks(days(e.referralDate, e.closedOn ?? today)),
        cp_plans: e.cpPlans,
      }));

    // The aggregates count the very population of the rows (restricted cases in neither):
    // counting restricted cases here alone would let a subtraction reveal them below the
    // suppression threshold.
    const cells = new Map<string, number>();
    for (const e of episodes.filter((x) => !x.restricted)) {
      const k = [ageBand(e.dob, e.referralDate), e.stage, e.teamKind].join('\u0000');
      cells.set(k, (cells.get(k) ?? 0) + 1);
    }
    const aggregateRows = [...cells.entries()].sort().map(([k, count]) => {
      const [band, stage, teamKind] = k.split('\u0000');
      const published = suppress(count);
      return {
        age_band_at_referral: band,
        stage,
        team_kind: teamKind,
        child_episodes: published,
        suppressed: published === null,
      };
    });

    const eventRows = this.eventRows(key, events);

    await this.audit.record({
      action: 'evaluation.extract',
      recordType: 'evaluation_extract',
      recordId: extractId,
      metadata: {
        purpose: dto.purpose,
        lawfulBasis: dto.lawfulBasis,
        from,
        to,
        episodes: episodeRows.length,
        events: eventRows.length,
        aggregateCells: aggregateRows.length,
      },
    });
    return {
      extractId,
      from,
      to,
      columns: { episodes: EPISODE_COLUMNS, events: EVENT_COLUMNS, aggregates: AGGREGATE_COLUMNS },
      episodes: toCsv(EPISODE_COLUMNS, episodeRows),
      events: toCsv(EVENT_COLUMNS, eventRows),
      aggregates: toCsv(AGGREGATE_COLUMNS, aggregateRows),
    };
  }

  /** Events in recorded order per case, with the stage before and after each (stage changes,
   * closure, reopening) walked from `family_help`. Only codes leave: the event type, a decision
   * type from the known list, stages, the actor's roles (or `api_client`/`system`). */
  private eventRows(key: Buffer, events: EventSource[]): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    let caseId = '';
    let stage = 'family_help';
    let seq = 0;
    for (const e of events) {
      if (e.caseId !== caseId) {
        caseId = e.caseId;
        stage = 'family_help';
        seq = 0;
      }
      const before = e.stageFrom && STAGES.includes(e.stageFrom) ? e.stageFrom : stage;
      let after = before;
      if (e.type === 'stage_changed' && e.stageTo && STAGES.includes(e.stageTo)) after = e.stageTo;
      if (e.type === 'case_closed') after = 'closed';
      if (e.type === 'case_reopened') after = 'family_help';
      stage = after;
      seq += 1;
      const role =
        e.actorType === 'user'
          ? (e.roles ?? [])
              .filter((r) => KNOWN_ROLES.includes(r))
              .sort()
              .join('|') || 'unknown'
          : e.actorType === 'client'
            ? 'api_client'
            : 'system';
      out.push({
        case_ref: pseudonym(key, 'case', e.caseId),
        seq,
        event_type: /^[a-z_]+$/.test(e.type) ? e.type : 'other',
        decision_type:
          e.decisionType && (DECISION_TYPES as readonly string[]).includes(e.decisionType)
            ? e.decisionType
            : null,
        week_offset: weeks(Number(e.dayOffset)),
        stage_before: before,
        stage_after: after,
        actor_role: role,
        team_kind: e.teamKinds,
      });
    }
    return out;
  }
}
