import { earlierReferrals, type ReferralEventRow } from './timescale-input';

const row = (
  type: ReferralEventRow['type'],
  day: string,
  extra: Partial<ReferralEventRow> = {},
): ReferralEventRow => ({
  case_id: 'c',
  type,
  day,
  referral_date: null,
  completed_at: null,
  ...extra,
});

describe('earlier referrals of a reopened case: their assessments', () => {
  it('an authorisation that met the timescale meets the earlier referral on its completion day', () => {
    expect(
      earlierReferrals([
        row('case_created', '2026-01-05', { referral_date: '2026-01-05' }),
        row('assessment_completed', '2026-02-10'), // awaiting authorisation: no date
        row('assessment_authorised', '2026-02-12', { completed_at: '2026-02-09' }),
        row('case_reopened', '2026-06-01', { referral_date: '2026-06-01' }),
      ]),
    ).toEqual([{ referralDate: '2026-01-05', assessmentCompletedAt: '2026-02-09' }]);
  });

  it('a completion never authorised leaves the earlier referral unassessed', () => {
    expect(
      earlierReferrals([
        row('case_created', '2026-01-05', { referral_date: '2026-01-05' }),
        row('assessment_completed', '2026-02-10'),
        row('case_reopened', '2026-06-01', { referral_date: '2026-06-01' }),
      ]),
    ).toEqual([{ referralDate: '2026-01-05', assessmentCompletedAt: null }]);
  });

  it("the former route's assessment_completed (with its date) still counts, once", () => {
    expect(
      earlierReferrals([
        row('case_created', '2026-01-05', { referral_date: '2026-01-05' }),
        row('assessment_completed', '2026-02-10', { completed_at: '2026-02-10' }),
        row('assessment_authorised', '2026-03-01', { completed_at: '2026-02-28' }),
        row('referral_added', '2026-06-01', { referral_date: '2026-06-01' }),
      ]),
    ).toEqual([{ referralDate: '2026-01-05', assessmentCompletedAt: '2026-02-10' }]);
  });
});
