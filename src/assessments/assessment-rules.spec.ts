import type { Role } from 'src/access/roles';
import { authorisesAssessment } from 'src/access/verdict-scopes';
import { assessmentDueDate, completionErrors, isLate } from './assessment-rules';

/** Who authorises is the gate's rule (src/access/verdict.ts); its table is kept here. */
const mayAuthorise = (f: {
  roles: string[];
  isTeamMember: boolean;
  isActiveCoWorker: boolean;
  stage: string;
}) =>
  authorisesAssessment(
    { kind: 'user', roles: f.roles as Role[], scopes: [] },
    { teamMember: f.isTeamMember, coWorker: f.isActiveCoWorker, stage: f.stage },
  )
    ? 'allowed'
    : 'not_authoriser';

describe('assessment rules', () => {
  it('is due 45 working days after the referral (bank holidays excluded)', () => {
    // Mon 2 Nov 2026 + 45 working days, skipping Christmas Day, Boxing Day (Mon 28th), New Year's Day.
    expect(assessmentDueDate('2026-11-02')).toBe('2027-01-07');
    expect(assessmentDueDate('2026-03-02')).toBe('2026-05-07'); // Good Friday, Easter Monday, early May
  });

  it.each([
    ['on the due date', '2026-05-06', null, []],
    ['early', '2026-04-01', null, []],
    ['late without a reason', '2026-05-07', null, ['lateReason']],
    ['late with a blank reason', '2026-05-07', '  ', ['lateReason']],
    ['late with a reason', '2026-05-07', 'Family abroad for three weeks', []],
    ['before its start', '2026-03-01', null, ['completedOn']],
  ])('completion %s', (_n, completedOn, lateReason, fields) => {
    const errors = completionErrors({
      startedOn: '2026-03-02',
      completedOn,
      dueDate: '2026-05-06',
      lateReason,
    });
    expect(errors.map((e) => e.field)).toEqual(fields);
  });

  it('late means after the due date', () => {
    expect(isLate('2026-05-06', '2026-05-06')).toBe(false);
    expect(isLate('2026-05-07', '2026-05-06')).toBe(true);
  });

  const base = { isTeamMember: false, isActiveCoWorker: false, stage: 'family_help' };
  it.each([
    [
      'family_help_manager of the team',
      { ...base, roles: ['family_help_manager'], isTeamMember: true },
      'allowed',
    ],
    [
      'family_help_manager of another team',
      { ...base, roles: ['family_help_manager'] },
      'not_authoriser',
    ],
    [
      'family_help_practitioner of the team',
      { ...base, roles: ['family_help_practitioner'], isTeamMember: true },
      'not_authoriser',
    ],
    [
      'co-working ecpp, child_protection',
      { ...base, roles: ['ecpp'], isActiveCoWorker: true, stage: 'child_protection' },
      'allowed',
    ],
    [
      'co-working ecpp, family_help',
      { ...base, roles: ['ecpp'], isActiveCoWorker: true },
      'not_authoriser',
    ],
    [
      'ecpp not co-working, child_protection',
      { ...base, roles: ['ecpp'], stage: 'child_protection' },
      'not_authoriser',
    ],
    ['cp_manager', { ...base, roles: ['cp_manager'], stage: 'child_protection' }, 'not_authoriser'],
  ])('%s → %s', (_n, facts, verdict) => {
    expect(mayAuthorise(facts)).toBe(verdict);
  });
});
