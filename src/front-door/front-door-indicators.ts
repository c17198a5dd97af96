import type { FrontDoorCounts } from './contact.repository';

export interface FrontDoorIndicators extends FrontDoorCounts {
  from: string;
  to: string;
  /** Decided within one working day, of those decided (null when none). */
  percentWithinWorkingDay: number | null;
  /** Of referrals in the period, those about a child referred in the 12 months before. */
  percentReReferrals: number | null;
}

const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null);

/** The front door's indicators from their counts (pure). */
export function frontDoorIndicators(
  from: string,
  to: string,
  c: FrontDoorCounts,
): FrontDoorIndicators {
  return {
    from,
    to,
    ...c,
    percentWithinWorkingDay: pct(c.decidedWithinWorkingDay, c.decided),
    percentReReferrals: pct(c.reReferralsWithin12Months, c.referrals),
  };
}
