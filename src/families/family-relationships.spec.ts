import { DomainError } from 'src/common/domain-error';
import { isDateOnly, todayInLondon } from './dto/validators';
import { planRelationships } from './family-relationships';
import { toSearchDate } from './family.service';

const fields = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    return ((e as DomainError).errors ?? []).map((x) => x.field);
  }
  return [];
};

describe('planRelationships', () => {
  it('applies `relationship` to every other child, new and existing, unless given per child', () => {
    const plan = planRelationships(
      [
        { kind: 'child' },
        { kind: 'child', relationship: 'sibling' },
        {
          kind: 'adult',
          relationship: 'mother',
          relationships: [{ childIndex: 1, relationship: 'step-mother' }],
        },
      ],
      ['existing'],
    );
    expect(plan.resolve(['c0', 'c1', 'a2'])).toEqual([
      { personId: 'c1', childId: 'c0', relationship: 'sibling' },
      { personId: 'c1', childId: 'existing', relationship: 'sibling' },
      { personId: 'a2', childId: 'c1', relationship: 'step-mother' },
      { personId: 'a2', childId: 'c0', relationship: 'mother' },
      { personId: 'a2', childId: 'existing', relationship: 'mother' },
    ]);
  });

  it('a member without relationships relates to nobody', () => {
    expect(
      planRelationships([{ kind: 'adult' }, { kind: 'child' }], []).resolve(['a', 'c']),
    ).toEqual([]);
  });

  it('refuses self, adults, out-of-range, duplicates, unknown ids, both or neither target, naming fields', () => {
    expect(
      fields(() =>
        planRelationships(
          [
            { kind: 'child', relationships: [{ childIndex: 0, relationship: 'x' }] },
            { kind: 'adult', relationships: [{ childIndex: 2, relationship: 'x' }] },
            {
              kind: 'adult',
              relationships: [
                { childIndex: 1, relationship: 'x' },
                { childIndex: 9, relationship: 'x' },
              ],
            },
            {
              kind: 'adult',
              relationships: [
                { relationship: 'x' },
                { childId: 'a', childIndex: 0, relationship: 'x' },
              ],
            },
            {
              kind: 'adult',
              relationships: [
                { childIndex: 0, relationship: 'x' },
                { childIndex: 0, relationship: 'y' },
              ],
            },
            { kind: 'adult', relationships: [{ childId: 'unknown', relationship: 'x' }] },
          ],
          [],
        ),
      ),
    ).toEqual([
      'members.0.relationships.0.childIndex',
      'members.1.relationships.0.childIndex',
      'members.2.relationships.0.childIndex',
      'members.2.relationships.1.childIndex',
      'members.3.relationships.0',
      'members.3.relationships.1',
      'members.4.relationships.1',
      'members.5.relationships.0.childId',
    ]);
  });

  it('adding one member: childIndex is not allowed, childId must be an existing child', () => {
    expect(
      fields(() =>
        planRelationships(
          [{ kind: 'adult', relationships: [{ childIndex: 0, relationship: 'x' }] }],
          ['c'],
          '',
        ),
      ),
    ).toEqual(['relationships.0.childIndex']);
    const plan = planRelationships(
      [{ kind: 'adult', relationships: [{ childId: 'C', relationship: 'aunt' }] }],
      ['c'],
      '',
    );
    expect(plan.resolve(['new'])).toEqual([
      { personId: 'new', childId: 'c', relationship: 'aunt' },
    ]);
  });
});

describe('search dates and date validation', () => {
  it('reads YYYY-MM-DD and DD/MM/YYYY as dates of birth; anything else is a name', () => {
    expect(toSearchDate('2019-03-14')).toBe('2019-03-14');
    expect(toSearchDate('14/03/2019')).toBe('2019-03-14');
    expect(toSearchDate('4/3/2019')).toBe('2019-03-04');
    expect(toSearchDate('31/02/2019')).toBeNull();
    expect(toSearchDate('khan')).toBeNull();
    expect(toSearchDate('2019-3-14')).toBeNull();
  });

  it('isDateOnly accepts real calendar dates only', () => {
    expect(isDateOnly('2024-02-29')).toBe(true);
    expect(isDateOnly('2023-02-29')).toBe(false);
    expect(isDateOnly('2023-13-01')).toBe(false);
    expect(isDateOnly('20230101')).toBe(false);
    expect(isDateOnly(20230101)).toBe(false);
  });

  it("today is England's date, not UTC's, around midnight in summer", () => {
    expect(todayInLondon(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(todayInLondon(new Date('2027-01-31T23:30:00Z'))).toBe('2027-01-31');
  });
});
