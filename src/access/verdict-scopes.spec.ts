import { ROLES, SCOPES } from './roles';
import { familyVerdict, teamVerdict } from './verdict-scopes';
import { client, user } from 'test/fixtures/verdict-profiles';

describe('familyVerdict', () => {
  it.each([
    ...ROLES.map(
      (r) =>
        [
          r,
          false,
          [
            'family_help_practitioner',
            'family_help_manager',
            'ecpp',
            'cp_manager',
            'service_manager',
          ].includes(r)
            ? 'allowed'
            : 'forbidden',
        ] as const,
    ),
    ['family_help_practitioner', true, 'not_found'] as const,
  ])(
    '%s reading a family (a restricted case closed to them: %s) → %s',
    (role, closed, expected) => {
      expect(
        familyVerdict(user(role), 'family.read', { sameLa: true, hasCaseClosedToCaller: closed }),
      ).toBe(expected);
    },
  );
  it('client events:read (the event feed only) may not read families', () => {
    expect(
      familyVerdict(client('events:read'), 'family.read', {
        sameLa: true,
        hasCaseClosedToCaller: false,
      }),
    ).toBe('forbidden');
  });
  it('client evaluation:read reads no family (the extract is its only door)', () => {
    expect(
      familyVerdict(client('evaluation:read'), 'family.read', {
        sameLa: true,
        hasCaseClosedToCaller: false,
      }),
    ).toBe('forbidden');
  });
  it.each(
    SCOPES.filter((s) => !['events:read', 'evaluation:read', 'export:read'].includes(s)).map(
      (s) => [s],
    ),
  )('client %s reads families of its LA only', (s) => {
    const c = client(s);
    expect(familyVerdict(c, 'family.read', { sameLa: true, hasCaseClosedToCaller: false })).toBe(
      'allowed',
    );
    expect(familyVerdict(c, 'family.read', { sameLa: false, hasCaseClosedToCaller: false })).toBe(
      'not_found',
    );
  });
});

describe('teamVerdict: filtering the overdue list by a team', () => {
  it.each([
    ['family_help_manager', true, true, 'allowed'],
    ['family_help_manager', true, false, 'not_found'],
    ['family_help_manager', false, true, 'not_found'],
    ['cp_manager', true, false, 'allowed'],
    ['cp_manager', false, false, 'not_found'],
    ['family_help_practitioner', true, true, 'forbidden'],
    ['ecpp', true, true, 'forbidden'],
  ] as const)('%s (team of the LA: %s, member: %s) → %s', (r, sameLa, member, expected) => {
    expect(teamVerdict(user(r), 'timescale.overdue', { sameLa, member })).toBe(expected);
  });
});

describe('teamVerdict: filtering practice indicators by a team', () => {
  it.each([
    ['family_help_manager', true, true, 'allowed'],
    ['family_help_manager', true, false, 'not_found'],
    ['cp_manager', true, false, 'allowed'],
    ['auditor', true, false, 'allowed'],
    ['auditor', false, false, 'not_found'],
    ['la_admin', true, true, 'forbidden'],
    ['family_help_practitioner', true, true, 'forbidden'],
    ['ecpp', true, true, 'forbidden'],
  ] as const)('%s (team of the LA: %s, member: %s) → %s', (r, sameLa, member, expected) => {
    expect(teamVerdict(user(r), 'indicators.read', { sameLa, member })).toBe(expected);
  });
});
