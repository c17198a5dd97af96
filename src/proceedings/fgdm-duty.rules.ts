/**
 * The FGDM duty (Children Act 1989 s31ZA; docs/before-proceedings.md), as pure functions over
 * plain data: who must be offered a meeting, whether a letter before proceedings carries an
 * offer to every person with parental responsibility, and whether an application may be made.
 */
import { addWorkingDays, compareDates } from 'src/common/working-days';

export interface DutyOffer {
  id: string;
  childIds: string[];
  offeredToId: string;
  offeredOn: string;
  response: 'accepted' | 'declined' | null;
  respondedOn: string | null;
}
export interface DutyExemption {
  id: string;
  childIds: string[];
  scope: 'offer' | 'meeting';
  authorisedOn: string | null;
}
export interface DutyMeeting {
  childIds: string[];
  heldOn: string;
}
export type OfferStatus = 'awaiting' | 'accepted' | 'declined' | 'timed_out';

/** An offer's status on `today`: unanswered `workingDays` working days after it was made, it
 * has timed out. */
export function offerStatus(o: DutyOffer, today: string, workingDays: number): OfferStatus {
  if (o.response) return o.response;
  return compareDates(today, addWorkingDays(o.offeredOn, workingDays)) > 0
    ? 'timed_out'
    : 'awaiting';
}

/** The day an unanswered offer times out (the first day after the answer window). */
export function offerTimesOutAfter(o: DutyOffer, workingDays: number): string {
  return addWorkingDays(o.offeredOn, workingDays);
}

/** An authorised exemption of `scope` covering `childId` (an exemption from the meeting covers
 * the offer too: no offer is made of a meeting that will not be held). */
export function exempted(
  exemptions: readonly DutyExemption[],
  childId: string,
  scope: 'offer' | 'meeting',
): DutyExemption | undefined {
  return exemptions.find(
    (e) =>
      e.authorisedOn !== null &&
      e.childIds.includes(childId) &&
      (e.scope === scope || e.scope === 'meeting'),
  );
}

export interface Missing {
  childId: string;
  personId: string | null;
}

/**
 * The (child, PR holder) pairs a letter does not cover: each holder of each child needs one of
 * `offers` naming that child, unless an authorised exemption covers the child. A child with no
 * PR holder recorded is missing with `personId: null` (the duty cannot be shown met).
 */
export function offersMissing(
  childIds: readonly string[],
  holders: ReadonlyMap<string, readonly string[]>,
  offers: readonly DutyOffer[],
  exemptions: readonly DutyExemption[],
): Missing[] {
  const out: Missing[] = [];
  for (const childId of childIds) {
    if (exempted(exemptions, childId, 'offer')) continue;
    const pr = holders.get(childId) ?? [];
    if (!pr.length) out.push({ childId, personId: null });
    for (const personId of pr) {
      if (!offers.some((o) => o.offeredToId === personId && o.childIds.includes(childId)))
        out.push({ childId, personId });
    }
  }
  return out;
}

export interface DutyGap {
  childId: string;
  personId: string | null;
  reason: 'no_offer' | 'awaiting_answer' | 'meeting_not_held';
}

/**
 * Why an application for a care or supervision order may not be made yet (empty: the duty is
 * met): each PR holder of each child was offered a meeting and answered or timed out, and if
 * any accepted, an FGDM meeting about the child was held on or after the acceptance — unless
 * an authorised exemption covers the child (the offer, or the meeting).
 */
export function dutyGaps(
  childIds: readonly string[],
  holders: ReadonlyMap<string, readonly string[]>,
  offers: readonly DutyOffer[],
  exemptions: readonly DutyExemption[],
  meetings: readonly DutyMeeting[],
  today: string,
  workingDays: number,
): DutyGap[] {
  const gaps: DutyGap[] = [];
  for (const childId of childIds) {
    if (exempted(exemptions, childId, 'meeting')) continue;
    const offerExempt = !!exempted(exemptions, childId, 'offer');
    const pr = holders.get(childId) ?? [];
    if (!pr.length && !offerExempt) gaps.push({ childId, personId: null, reason: 'no_offer' });
    const accepted: string[] = [];
    for (const personId of pr) {
      const mine = offers.filter((o) => o.offeredToId === personId && o.childIds.includes(childId));
      if (!mine.length) {
        if (!offerExempt) gaps.push({ childId, personId, reason: 'no_offer' });
        continue;
      }
      const statuses = mine.map((o) => ({ o, s: offerStatus(o, today, workingDays) }));
      const yes = statuses.find((x) => x.s === 'accepted');
      if (yes) accepted.push(yes.o.respondedOn!);
      else if (statuses.every((x) => x.s === 'awaiting'))
        gaps.push({ childId, personId, reason: 'awaiting_answer' });
    }
    if (accepted.length) {
      const first = accepted.sort(compareDates)[0];
      const held = meetings.some(
        (m) => m.childIds.includes(childId) && compareDates(m.heldOn, first) >= 0,
      );
      if (!held) gaps.push({ childId, personId: null, reason: 'meeting_not_held' });
    }
  }
  return gaps;
}
