/** Loads what `computeTimescales` needs for a batch of cases (a handful of set-based queries). */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorNameSql, teamNameSql } from 'src/common/display-names';
import type { Actor } from 'src/access/actor';
import { caseFilterSql } from 'src/access/verdict';
import { ActivityRepository } from 'src/activities/activity.repository';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { findFamilyNetworkPlanReviews } from 'src/case-history/family-network-plan-review.query';
import { LetterInput, TimescaleInput, TimescaleSettings } from 'src/case-history/timescale-rules';
import {
  earlierReferrals,
  preProceedingsReviewsSql,
  proceedingsInputSql,
  type EarlierReferral,
  type ReferralEventRow,
} from 'src/case-history/timescale-input';

type EarlierReferrals = Map<string, EarlierReferral[]>;

export interface TimescaleCase {
  id: string;
  teamId: string;
  leadPractitionerId: string;
  stage: string;
  referralDate: string;
  assessmentCompletedAt: string | null;
  /** Display names for the overdue list (null when not loaded or not found). */
  teamName?: string | null;
  leadPractitionerName?: string | null;
}

/** What the timescale rules need, loaded set-based; the overdue scope. */
@Injectable()
export class TimescaleRepository {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly history: CaseHistoryRepository,
  ) {}

  async loadSettings(m: EntityManager, la: string): Promise<TimescaleSettings> {
    const [row]: {
      core_group_interval_weeks: number;
      visit_interval_working_days: number;
      pre_proceedings_weeks: number;
    }[] = await m.query(
      `SELECT core_group_interval_weeks, visit_interval_working_days, pre_proceedings_weeks
         FROM local_authority WHERE id = $1`,
      [la],
    );
    return {
      coreGroupIntervalWeeks: row.core_group_interval_weeks,
      visitIntervalWorkingDays: row.visit_interval_working_days,
      preProceedingsWeeks: row.pre_proceedings_weeks,
    };
  }

  /** Timescale inputs for `cases` (all of one LA), keyed by case id; `today` is the as-of date. */
  async loadTimescaleInputs(
    m: EntityManager,
    la: string,
    cases: readonly TimescaleCase[],
    today: string,
  ): Promise<Map<string, TimescaleInput>> {
    const ids = cases.map((c) => c.id);
    // Sequential: `m` may be a transaction's single connection.
    const settings = await this.loadSettings(m, la);
    const histories = await this.history.loadMany(m, la, ids);
    const meetings = await this.activities.findMeetings(m, la, ids);
    const visits = await this.activities.findVisits(m, la, ids);
    const earlier = await this.loadEarlierReferrals(m, la, ids);
    const fnpReviews = await findFamilyNetworkPlanReviews(m, la, ids);
    const proceedings = await this.loadProceedings(m, la, ids);
    const out = new Map<string, TimescaleInput>();
    for (const c of cases) {
      const held = (kind: string) =>
        meetings.filter((x) => x.caseId === c.id && x.kind === kind).map((x) => x.date);
      out.set(c.id, {
        today,
        referralDate: c.referralDate,
        assessmentCompletedAt: c.assessmentCompletedAt,
        earlierReferrals: earlier.get(c.id) ?? [],
        history: histories.get(c.id) ?? [],
        initialConferences: held('initial_cp_conference'),
        reviewConferences: held('review_cp_conference'),
        coreGroups: held('core_group'),
        visits: visits
          .filter((v) => v.caseId === c.id)
          .map((v) => ({ childId: v.childId, date: v.date, seenAlone: v.seenAlone })),
        familyNetworkPlanReviews: fnpReviews.get(c.id) ?? [],
        letters: proceedings.get(c.id)?.letters ?? [],
        preProceedingsReviews: proceedings.get(c.id)?.reviews ?? [],
        settings,
      });
    }
    return out;
  }

  /** Each case's letters before proceedings and pre-proceedings review meetings held. */
  private async loadProceedings(
    m: EntityManager,
    la: string,
    ids: readonly string[],
  ): Promise<Map<string, { letters: LetterInput[]; reviews: string[] }>> {
    const rows: { id: string; letters: LetterInput[]; reviews: string[] }[] = await m.query(
      `SELECT c.id, ${proceedingsInputSql('= c.id')} AS letters,
              ${preProceedingsReviewsSql('= c.id')} AS reviews
         FROM case_record c WHERE c.id = ANY($1::uuid[]) AND c.local_authority_id = $2`,
      [ids, la],
    );
    return new Map(rows.map((r) => [r.id, { letters: r.letters, reviews: r.reviews }]));
  }

  /**
   * The referrals before the current one of each case (a reopened case), with the assessment
   * completed for each, from the append-only timeline: `case_created`, `case_reopened` and
   * `referral_added` (a front-door contact on an open case, src/front-door) carry the referral; an
   * `assessment_authorised` that met the timescale (or the former route's `assessment_completed`)
   * the completion date.
   */
  private async loadEarlierReferrals(
    m: EntityManager,
    la: string,
    ids: readonly string[],
  ): Promise<EarlierReferrals> {
    const rows: ReferralEventRow[] = await m.query(
      `SELECT case_id, type, (at AT TIME ZONE 'Europe/London')::date::text AS day,
              data->'referral'->>'date' AS referral_date,
              COALESCE(data->>'completedAt', CASE WHEN type = 'assessment_authorised'
                AND (data->>'timescaleMet')::boolean THEN data->>'completedOn' END) AS completed_at
         FROM case_event
        WHERE case_id = ANY($1::uuid[]) AND local_authority_id = $2
          AND type IN ('case_created', 'case_reopened', 'referral_added', 'assessment_completed',
                       'assessment_authorised')
        ORDER BY case_id, at, id`,
      [ids, la],
    );
    const byCase = new Map<string, ReferralEventRow[]>();
    for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r]);
    const out: EarlierReferrals = new Map();
    for (const [id, list] of byCase) out.set(id, earlierReferrals(list));
    return out;
  }

  /**
   * Cases open at `asOf` in the overdue scope of the caller, after `after` (or from it,
   * inclusive), ordered by id (a case closed later is included for an earlier `asOf`; the
   * timescale rules then read its history as it stood that day):
   * `teamIds` — cases of these Family Help teams; `coWorked` — cases with an active ECPP
   * (optionally only ECPPs of `cpTeamId`); `filterTeamId` narrows either to one team.
   */
  async findOverdueScopeCases(
    m: EntityManager,
    la: string,
    actor: Actor,
    filterTeamId: string | null,
    after: { id: string; inclusive: boolean } | null,
    batch: number,
    asOf: string,
  ): Promise<TimescaleCase[]> {
    const params: unknown[] = [
      la,
      after?.id ?? null,
      after?.inclusive ?? false,
      filterTeamId,
      batch,
      asOf,
    ];
    // Whose overdue items: the verdict table's `timescale.overdue` row, as SQL.
    const scope = caseFilterSql(actor, 'timescale.overdue', 'c', params);
    const rows: {
      id: string;
      team_id: string;
      lead_practitioner_id: string;
      stage: string;
      referral_date: string;
      assessment_completed_at: string | null;
      team_name: string | null;
      lead_practitioner_name: string | null;
    }[] = await m.query(
      `SELECT c.id, c.team_id, c.lead_practitioner_id, c.stage, c.referral_date::text AS referral_date,
              c.assessment_completed_at::text AS assessment_completed_at,
              ${teamNameSql('c.team_id', 'c.local_authority_id')} AS team_name,
              ${actorNameSql('c.lead_practitioner_id', 'c.local_authority_id')} AS lead_practitioner_name
         FROM case_record c
        WHERE c.local_authority_id = $1
          AND (c.stage <> 'closed'
               OR (SELECT max(COALESCE(e.data->>'closedOn',
                                       (e.at AT TIME ZONE 'Europe/London')::date::text))::date
                     FROM case_event e
                    WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id
                      AND e.type = 'case_closed') > $6::date)
          AND ($2::uuid IS NULL OR c.id > $2::uuid OR ($3::boolean AND c.id = $2::uuid))
          AND ${scope}
          AND ($4::uuid IS NULL OR c.team_id = $4::uuid
               OR EXISTS (SELECT 1 FROM case_co_worker w JOIN team_member tm ON tm.user_id = w.user_id
                           WHERE w.case_id = c.id AND w.ended_at IS NULL AND tm.team_id = $4::uuid))
        ORDER BY c.id
        LIMIT $5`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      teamId: r.team_id,
      leadPractitionerId: r.lead_practitioner_id,
      stage: r.stage,
      referralDate: r.referral_date,
      assessmentCompletedAt: r.assessment_completed_at,
      teamName: r.team_name,
      leadPractitionerName: r.lead_practitioner_name,
    }));
  }
}
