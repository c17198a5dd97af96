import type { CensusYear, CinDetails } from './census-model';

/**
 * The DfE's CIN plan rules (4000–4017) on one episode (a CINdetails), as the DfE's validator
 * reads them: pure, over the census model; called by the checker in `cin-rules.ts`.
 */
const isDate = (d: string | null | undefined): d is string =>
  !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
const inYear = (d: string, y: CensusYear) => d >= y.start && d <= y.end;

/** The CIN plan rules (4000–4017) on one episode, as the DfE's validator reads them. */
export function cinPlanIssues(
  d: CinDetails,
  y: CensusYear,
  say: (rule: string, msg: string) => void,
) {
  const plans = d.cinPlans;
  if (d.referralNfa && plans.length)
    say('4000', 'CIN Plan details provided for a referral with no further action');
  if (plans.some((p) => !p.endDate) && d.cpPlans.some((p) => !p.endDate))
    say('4001', 'A CIN Plan cannot run concurrently with a Child Protection Plan');
  const reviews = d.cpPlans.flatMap((p) => p.reviewDates);
  if (plans.some((p) => reviews.some((r) => r > p.startDate && !!p.endDate && r < p.endDate)))
    say('4003', 'A CPP review date is shown as being held at the same time as an open CIN Plan.');
  if (plans.filter((p) => !p.endDate).length > 1)
    say('4004', 'This child is showing more than one open CIN Plan, i.e. with no End Date');
  for (const p of plans) {
    if (!isDate(p.startDate) || p.startDate > y.end)
      say('4010', 'CIN Plan start date is missing or out of data collection period');
    if (p.endDate && p.endDate < p.startDate)
      say('4011', 'CIN Plan End Date earlier than Start Date');
    if (p.endDate && p.endDate === p.startDate)
      say('4012Q', 'CIN Plan shown as starting and ending on the same day');
    if (p.endDate && !inYear(p.endDate, y))
      say('4013', 'CIN Plan end date must fall within the census year');
    if (p.startDate < d.referralDate)
      say('4015', 'The CIN Plan start date cannot be before the referral date');
  }
  const within = (date: string, from: string, to: string | null) =>
    date >= from && date <= (to ?? y.end);
  if (
    plans.some((a, i) =>
      plans.some(
        (b, j) =>
          i !== j && within(a.startDate, b.startDate, b.endDate) && a.startDate !== b.endDate,
      ),
    )
  )
    say('4014', 'CIN Plan data contains overlapping dates');
  for (const p of plans)
    for (const c of d.cpPlans) {
      if (within(p.startDate, c.startDate, c.endDate) && p.startDate !== c.endDate)
        say(
          '4016',
          'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
        );
      if (within(c.startDate, p.startDate, p.endDate) && c.startDate !== p.endDate)
        say(
          '4017',
          'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
        );
    }
}
