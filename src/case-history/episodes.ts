/**
 * The child-protection episodes of a case, folded from its history: each section 47 enquiry
 * from its start to its end (no further action, the last plan ended in child protection, or
 * the case closed), with the initial conference convened in it and each child's plan period.
 * Timescales belong to these episodes, so an ended episode's items stay listed (docs/domain.md,
 * "Dates and timescale statuses that inspectors can trust"). Pure.
 */
import { replay, supersededIds } from 'src/case-history/case-state';
import type { CaseHistoryEntry, CaseState } from 'src/case-history/case-types';

export interface PlanPeriod {
  childId: string;
  startedAt: string;
  /** The date the plan ended; null while the child is on it. */
  endedOn: string | null;
}

export interface CpEpisode {
  /** The strategy discussion that initiated the enquiry (the ICPC clock starts here). */
  strategyDiscussionDate: string;
  startedAt: string;
  /** The initial conference convened in this enquiry (booked for this date), if any. */
  conferenceDate: string | null;
  /** When the conference that started a plan was held (its date), if a plan was started. */
  planConferenceHeldAt: string | null;
  plans: PlanPeriod[];
  /**
   * Further children's enquiries started while this one was open (a sibling's new allegation);
   * each has its own initial conference clock from its strategy discussion.
   */
  laterEnquiries: { childIds: string[]; strategyDiscussionDate: string; startedAt: string }[];
  /** The date the enquiry ended; null while it is active. */
  endedOn: string | null;
}

export interface CaseEpisodes {
  cp: CpEpisode[];
  /** Dates the case was closed, oldest first (each ends the referral open at the time). */
  closures: string[];
  /** The state after the whole history. */
  state: CaseState;
}

function entryDate(entry: CaseHistoryEntry): string {
  return entry.kind === 'decision' ? entry.effectiveDate : entry.at;
}

/** Folds `history` (in recorded order; superseded decisions have no effect) into episodes. */
export function caseEpisodes(history: readonly CaseHistoryEntry[]): CaseEpisodes {
  const skip = supersededIds(history);
  const cp: CpEpisode[] = [];
  const closures: string[] = [];
  let prev = replay([]);
  let open: CpEpisode | null = null;

  for (let i = 0; i < history.length; i++) {
    const entry = history[i];
    if (entry.kind === 'decision' && skip.has(entry.id)) continue;
    const cur = replay(history.slice(0, i + 1), skip);
    const date = entryDate(entry);
    if (entry.kind === 'closed') closures.push(date);

    const started =
      cur.s47.active && (!prev.s47.active || cur.s47.startedAt !== prev.s47.startedAt);
    if (started) {
      if (open) endEpisode(open, date);
      open = {
        strategyDiscussionDate: cur.s47.strategyDiscussionDate ?? date,
        startedAt: cur.s47.startedAt ?? date,
        conferenceDate: null,
        planConferenceHeldAt: null,
        plans: [],
        laterEnquiries: [],
        endedOn: null,
      };
      cp.push(open);
    } else if (
      open &&
      entry.kind === 'decision' &&
      entry.type === 'start_section_47_enquiry' &&
      prev.s47.active
    ) {
      open.laterEnquiries.push({
        childIds: entry.childIds,
        strategyDiscussionDate: entry.strategyDiscussionDate ?? date,
        startedAt: date,
      });
    }
    if (open) {
      if (cur.icpc.convened) open.conferenceDate = cur.icpc.conferenceDate;
      if (cur.icpc.heldAt) open.planConferenceHeldAt = cur.icpc.heldAt;
      for (const [childId, plan] of Object.entries(cur.cpPlans)) {
        const before = prev.cpPlans[childId];
        if (!before || before.startedAt !== plan.startedAt) {
          const running = open.plans.find((p) => p.childId === childId && p.endedOn === null);
          if (running) running.endedOn = date;
          open.plans.push({ childId, startedAt: plan.startedAt, endedOn: null });
        }
      }
      for (const childId of Object.keys(prev.cpPlans)) {
        if (!(childId in cur.cpPlans)) {
          const running = open.plans.find((p) => p.childId === childId && p.endedOn === null);
          if (running) running.endedOn = date;
        }
      }
      if (!cur.s47.active || cur.stage === 'closed') {
        endEpisode(open, date);
        open = null;
      }
    }
    prev = cur;
  }
  return { cp, closures, state: prev };
}

function endEpisode(episode: CpEpisode, date: string): void {
  episode.endedOn = date;
  for (const p of episode.plans) if (p.endedOn === null) p.endedOn = date;
}
