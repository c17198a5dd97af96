import {
  grantApprover,
  nextGrantStatus,
  redactFor,
  SummaryRow,
  visibleSummaries,
} from './family-view-rules';

describe('family view rules', () => {
  it.each([
    ['family_help', 'family_help_manager'],
    ['child_protection', 'ecpp'],
    ['pre_proceedings', 'ecpp'],
    ['care_proceedings', 'ecpp'],
  ])('a grant on a case in %s is approved by the %s', (stage, who) => {
    expect(grantApprover(stage)).toBe(who);
  });

  it.each([
    ['proposed', 'approve', 'active'],
    ['active', 'approve', null],
    ['active', 'suspend', 'suspended'],
    ['proposed', 'suspend', null],
    ['suspended', 'reinstate', 'active'],
    ['active', 'reinstate', null],
    ['proposed', 'revoke', 'revoked'],
    ['suspended', 'revoke', 'revoked'],
    ['revoked', 'revoke', null],
    ['revoked', 'approve', null],
  ] as const)('a %s grant, %s → %s', (from, action, to) => {
    expect(nextGrantStatus(from, action)).toBe(to);
  });

  const s = (over: Partial<SummaryRow>): SummaryRow => ({
    id: 's',
    planType: 'cp_plan',
    planId: 'p1',
    planVersion: 1,
    status: 'published',
    publishedAt: '2026-11-01T10:00:00Z',
    ...over,
  });

  it('a family member sees the latest published summary of the version in force, only in their scopes', () => {
    const rows = [
      s({ id: 'old', publishedAt: '2026-11-01T10:00:00Z' }),
      s({ id: 'new', publishedAt: '2026-11-02T10:00:00Z' }),
      s({ id: 'draft', status: 'draft', publishedAt: null }),
      s({ id: 'fnp', planType: 'family_network_plan', planId: 'p2' }),
    ];
    const current = new Map([
      ['p1', 1],
      ['p2', 1],
    ]);
    expect(visibleSummaries(rows, ['cp_plan'], current).map((x) => x.id)).toEqual(['new']);
  });

  it('a new plan version hides the old summary until its own is published', () => {
    const rows = [s({ id: 'v1', planVersion: 1 })];
    expect(visibleSummaries(rows, ['cp_plan'], new Map([['p1', 2]]))).toEqual([]);
    const both = [...rows, s({ id: 'v2', planVersion: 2, publishedAt: '2026-11-03T00:00:00Z' })];
    expect(visibleSummaries(both, ['cp_plan'], new Map([['p1', 2]])).map((x) => x.id)).toEqual([
      'v2',
    ]);
  });

  it('a field withheld from the viewer is left out; others and the person themself see it', () => {
    const father = {
      id: 'f',
      firstName: 'Dan',
      lastName: 'Reid',
      dateOfBirth: '1990-01-01',
      relationship: 'father',
      kind: 'adult',
      address: '1 High Street',
      contact: { phone: '07700 900123' },
    };
    const red = { withheldFrom: ['m'], fields: ['lastName', 'dateOfBirth', 'address'] as const };
    expect(redactFor(father, { ...red, fields: [...red.fields] }, 'm')).toMatchObject({
      lastName: null,
      dateOfBirth: null,
      address: null,
      contact: { phone: '07700 900123' },
      firstName: 'Dan',
    });
    expect(redactFor(father, { ...red, fields: [...red.fields] }, 'x').lastName).toBe('Reid');
    expect(redactFor(father, { ...red, fields: [...red.fields] }, 'f').lastName).toBe('Reid');
  });
});
