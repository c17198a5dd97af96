/** Loads what `computeTimescales` needs for a batch of cases (a handful of set-based queries). */
import type { EntityManager } from 'typeorm';
import { CaseState, replay } from 'src/case-history/case-state';
import { findMeetings, findVisits } from 'src/activities/activity.repository';
import { loadCaseHistories } from 'src/case-history/case-history.repository';
import { compareDates } from './working-days';
import { TimescaleInput, TimescaleSettings } from './timescale-rules';

export interface TimescaleCase {
  id: string;
  teamId: string;
  leadPractitionerId: string;
  stage: string;
  referralDate: string;
  assessmentCompletedAt: string | null;
}

export async function loadSettings(m: EntityManager, la: string): Promise<TimescaleSettings> {
  const [row]: { core_group_interval_weeks: number; visit_interval_working_days: number }[] =
    await m.query(
      `SELECT core_group_interval_weeks, visit_interval_working_days
         FROM local_authority WHERE id = $1`,
      [la],
    );
  return {
    coreGroupIntervalWeeks: row.core_group_interval_weeks,
    visitIntervalWorkingDays: row.visit_interval_working_days,
  };
}

/** The initial conference held for the current enquiry: the first one on or after its strategy discussion. */
function icpcHeld(state: CaseState, dates: string[]): string | null {
  const from = state.s47.strategyDiscussionDate;
  if (!from) return null;
  const held = dates.filter((d) => compareDates(d, from) >= 0).sort(compareDates);
  return held[0] ?? null;
}

/** Timescale inputs for `cases` (all of one LA), keyed by case id; `today` is the as-of date. */
export async function loadTimescaleInputs(
  m: EntityManager,
  la: string,
  cases: readonly TimescaleCase[],
  today: string,
): Promise<Map<string, TimescaleInput>> {
  const ids = cases.map((c) => c.id);
  // Sequential: `m` may be a transaction's single connection.
  const settings = await loadSettings(m, la);
  const histories = await loadCaseHistories(m, ids);
  const meetings = await findMeetings(m, la, ids);
  const visits = await findVisits(m, la, ids);
  const out = new Map<string, TimescaleInput>();
  for (const c of cases) {
    const state = replay(histories.get(c.id) ?? []);
    const held = (kind: string) =>
      meetings.filter((x) => x.caseId === c.id && x.kind === kind).map((x) => x.date);
    out.set(c.id, {
      today,
      referralDate: c.referralDate,
      assessmentCompletedAt: c.assessmentCompletedAt,
      state,
      icpcHeldAt: icpcHeld(state, held('initial_cp_conference')),
      reviewConferences: held('review_cp_conference'),
      coreGroups: held('core_group'),
      visits: visits
        .filter((v) => v.caseId === c.id)
        .map((v) => ({ childId: v.childId, date: v.date, seenAlone: v.seenAlone })),
      familyNetworkPlanReviews: [],
      settings,
    });
  }
  return out;
}

/**
 * Open cases in the overdue scope of the caller, after `after` (or from it, inclusive),
 * ordered by id:
 * `teamIds` — cases of these Family Help teams; `coWorked` — cases with an active ECPP
 * (optionally only ECPPs of `cpTeamId`); `filterTeamId` narrows either to one team.
 */
export async function findOverdueScopeCases(
  m: EntityManager,
  la: string,
  scope: { fhTeamIds: string[] | null; coWorked: boolean; filterTeamId: string | null },
  after: { id: string; inclusive: boolean } | null,
  batch: number,
): Promise<TimescaleCase[]> {
  const rows: {
    id: string;
    team_id: string;
    lead_practitioner_id: string;
    stage: string;
    referral_date: string;
    assessment_completed_at: string | null;
  }[] = await m.query(
    `SELECT c.id, c.team_id, c.lead_practitioner_id, c.stage, c.referral_date::text AS referral_date,
            c.assessment_completed_at::text AS assessment_completed_at
       FROM case_record c
      WHERE c.local_authority_id = $1 AND c.stage <> 'closed'
        AND ($2::uuid IS NULL OR c.id > $2::uuid OR ($7::boolean AND c.id = $2::uuid))
        AND ( ($3::uuid[] IS NOT NULL AND c.team_id = ANY($3::uuid[]))
           OR ($4::boolean AND EXISTS (SELECT 1 FROM case_co_worker w
                 WHERE w.case_id = c.id AND w.ended_at IS NULL)) )
        AND ($5::uuid IS NULL OR c.team_id = $5::uuid
             OR EXISTS (SELECT 1 FROM case_co_worker w JOIN team_member tm ON tm.user_id = w.user_id
                         WHERE w.case_id = c.id AND w.ended_at IS NULL AND tm.team_id = $5::uuid))
      ORDER BY c.id
      LIMIT $6`,
    [
      la,
      after?.id ?? null,
      scope.fhTeamIds,
      scope.coWorked,
      scope.filterTeamId,
      batch,
      after?.inclusive ?? false,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    leadPractitionerId: r.lead_practitioner_id,
    stage: r.stage,
    referralDate: r.referral_date,
    assessmentCompletedAt: r.assessment_completed_at,
  }));
}

/** The Family Help teams `userId` belongs to in the LA. */
export async function findMemberTeamIds(
  m: EntityManager,
  la: string,
  userId: string,
): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT t.id FROM team t JOIN team_member tm ON tm.team_id = t.id
      WHERE t.local_authority_id = $1 AND tm.user_id = $2 AND t.kind = 'family_help'`,
    [la, userId],
  );
  return rows.map((r) => r.id);
}

export async function teamExists(m: EntityManager, la: string, teamId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM team WHERE id = $1 AND local_authority_id = $2`,
    [teamId, la],
  );
  return rows.length > 0;
}
