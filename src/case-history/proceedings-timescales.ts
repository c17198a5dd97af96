/**
 * The proceedings timescales of one case (docs/before-proceedings.md, "Proceedings
 * timescales"), folded from its history in recorded order (superseded decisions skipped):
 *
 * - `pre_proceedings`: due the LA's `preProceedingsWeeks` after the letter before proceedings
 *   (on a working day); met on the day pre-proceedings ended (`end_pre_proceedings`, or the
 *   application `apply_for_care_proceedings`).
 * - `pre_proceedings_review`: a review meeting due 6 weeks after the letter; met by the first
 *   pre-proceedings review meeting held from the letter until pre-proceedings ended.
 * - `care_proceedings`: due 26 weeks after the application was issued (`issuedOn`, else the
 *   decision's date for an application recorded without it); met on `concludedOn` of
 *   `conclude_care_proceedings` (else that decision's date).
 *
 * Each is kept as history once its proceedings ended; ended by a closure without being met, an
 * item is listed only if it fell due before the closure. Pure.
 */
import { compareDates } from 'src/common/working-days';
import type { DecisionEntry } from './case-types';
import { supersededIds } from './case-state';
import { addWeeksOnWorkingDay, heldWithin, item } from './timescale-items';
import {
  DEFAULT_TIMESCALE_SETTINGS,
  PRE_PROCEEDINGS_REVIEW_WEEKS,
  STATUTORY_TIMESCALES,
  type Timescale,
  type TimescaleInput,
} from './timescale-types';

/** One pre-proceedings or care-proceedings period: from its decision to its end. */
interface Period {
  /** Pre-proceedings: the decision's date; care proceedings: the application's issue date. */
  from: string;
  metAt: string | null;
  endedOn: string | null;
}

/** An item of an ended period is listed when met, or when it fell due before the end. */
function listed(t: Timescale, endedOn: string | null): boolean {
  return !!t.metAt || endedOn === null || compareDates(t.dueDate, endedOn) < 0;
}

/** The pre-proceedings and care-proceedings periods of `history`, in recorded order. */
export function proceedingsPeriods(history: TimescaleInput['history']): {
  pre: Period[];
  care: Period[];
} {
  const skip = supersededIds(history);
  const pre: Period[] = [];
  const care: Period[] = [];
  const open = { pre: [] as Period[], care: [] as Period[] };
  const end = (list: Period[], endedOn: string, metAt: string | null) => {
    for (const p of list.splice(0)) Object.assign(p, { endedOn, metAt });
  };
  for (const entry of history) {
    if (entry.kind === 'closed') {
      end(open.pre, entry.at, null);
      end(open.care, entry.at, null);
    }
    if (entry.kind !== 'decision' || skip.has(entry.id)) continue;
    const d: DecisionEntry = entry;
    const on = d.effectiveDate;
    if (d.type === 'initiate_pre_proceedings') {
      const p = { from: on, metAt: null, endedOn: null };
      pre.push(p);
      open.pre.push(p);
    } else if (d.type === 'end_pre_proceedings') {
      end(open.pre, on, on);
    } else if (d.type === 'apply_for_care_proceedings') {
      end(open.pre, on, on);
      const p = { from: d.issuedOn ?? on, metAt: null, endedOn: null };
      care.push(p);
      open.care.push(p);
    } else if (d.type === 'conclude_care_proceedings') {
      end(open.care, on, d.concludedOn ?? on);
    }
  }
  return { pre, care };
}

/** The proceedings items of a case as at `input.today` (the input already cut to that day). */
export function proceedingsItems(input: TimescaleInput): Timescale[] {
  const { today } = input;
  const weeks =
    input.settings.preProceedingsWeeks ??
    (DEFAULT_TIMESCALE_SETTINGS.preProceedingsWeeks as number);
  const { pre, care } = proceedingsPeriods(input.history);
  const items: Timescale[] = [];
  const letters = (input.letters ?? []).filter((l) => compareDates(l.sentOn, today) <= 0);
  const used = new Set<Period>();
  for (const letter of letters) {
    // A letter belongs to the (first) pre-proceedings that began on its `startedOn`.
    const p = pre.find((x) => x.from === letter.startedOn && !used.has(x));
    if (!p) continue;
    used.add(p);
    const ended = p.endedOn;
    const main = item(
      'pre_proceedings',
      addWeeksOnWorkingDay(letter.sentOn, weeks),
      today,
      p.metAt,
      {
        endedOn: ended,
      },
    );
    if (listed(main, ended)) items.push(main);
    const [review] = heldWithin(input.preProceedingsReviews ?? [], letter.sentOn, ended, today);
    const due = addWeeksOnWorkingDay(letter.sentOn, PRE_PROCEEDINGS_REVIEW_WEEKS);
    const r = item('pre_proceedings_review', due, today, review ?? null, { endedOn: ended });
    if (listed(r, ended)) items.push(r);
  }
  for (const p of care) {
    const due = addWeeksOnWorkingDay(p.from, STATUTORY_TIMESCALES.careProceedingsWeeks);
    const t = item('care_proceedings', due, today, p.metAt, { endedOn: p.endedOn });
    if (listed(t, p.endedOn)) items.push(t);
  }
  return items;
}
