import { checkNewDecision, replay } from './case-state';
import type { CaseHistoryEntry } from './case-types';
import { caseEpisodes } from './episodes';
import { C1, C2, CHILDREN, concern, decision, plan, s47 } from 'test/fixtures/decision-history';

/** A s47 enquiry per child in any open stage (a new allegation about a sibling). */
describe('s47 enquiry per child', () => {
  const onPlan = (): CaseHistoryEntry[] => [
    concern('c1', '2027-01-04'),
    s47({ childIds: [C1], effectiveDate: '2027-01-05' }),
    decision('convene_initial_cp_conference', { effectiveDate: '2027-01-06' }),
    plan({ childIds: [C1], effectiveDate: '2027-01-20' }),
  ];
  const siblingConcern = concernFor('c2', [C2], '2027-02-01');

  function concernFor(id: string, childIds: string[], at: string): CaseHistoryEntry {
    return { kind: 'concern_raised', id, childIds, at };
  }

  it('refuses a sibling enquiry without a concern about the sibling', () => {
    const d = s47({ childIds: [C2], effectiveDate: '2027-02-02' });
    expect(checkNewDecision(onPlan(), d, CHILDREN)).toMatchObject({ code: 'no_open_concern' });
  });

  it('starts a sibling enquiry in child protection beside a plan', () => {
    const d = s47({ childIds: [C2], effectiveDate: '2027-02-02' });
    const result = checkNewDecision([...onPlan(), siblingConcern], d, CHILDREN);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.next.stage).toBe('child_protection');
    expect(result.next.s47ChildIds).toEqual([C2]);
    expect(Object.keys(result.next.cpPlans)).toEqual([C1]);
    // the earlier ICPC was held: the sibling needs a conference of its own
    expect(result.next.icpc.convened).toBe(false);
  });

  it('refuses a second enquiry for a child whose enquiry is open', () => {
    const h = [...onPlan(), siblingConcern, s47({ childIds: [C2], effectiveDate: '2027-02-02' })];
    const again = s47({ childIds: [C2], effectiveDate: '2027-02-03' });
    expect(checkNewDecision(h, again, CHILDREN)).toMatchObject({ code: 's47_already_open' });
  });

  it('convenes and starts the sibling plan; ends only the sibling enquiry on no further action', () => {
    const h = [...onPlan(), siblingConcern, s47({ childIds: [C2], effectiveDate: '2027-02-02' })];
    const convene = decision('convene_initial_cp_conference', {
      childIds: [C2],
      effectiveDate: '2027-02-03',
    });
    expect(checkNewDecision(h, convene, CHILDREN)).toMatchObject({ ok: true });
    const nfaOnPlan = decision('no_further_action', {
      childIds: [C1],
      effectiveDate: '2027-02-04',
    });
    expect(checkNewDecision(h, nfaOnPlan, CHILDREN)).toMatchObject({ code: 'plan_active' });
    const nfa = decision('no_further_action', { childIds: [C2], effectiveDate: '2027-02-04' });
    const after = checkNewDecision(h, nfa, CHILDREN);
    expect(after).toMatchObject({ ok: true });
    if (!after.ok) return;
    expect(after.next.stage).toBe('child_protection');
    expect(after.next.s47ChildIds).toEqual([]);
    expect(after.next.openConcernIds).toEqual(['c1']); // the sibling's concern closed
    expect(Object.keys(after.next.cpPlans)).toEqual([C1]);
  });

  it('keeps the case in child protection when the plan ends while a sibling enquiry is open', () => {
    const h = [...onPlan(), siblingConcern, s47({ childIds: [C2], effectiveDate: '2027-02-02' })];
    const end = decision('end_child_protection_plan', {
      childIds: [C1],
      effectiveDate: '2027-03-01',
    });
    const result = checkNewDecision(h, end, CHILDREN);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.next.stage).toBe('child_protection');
  });

  it('starts an enquiry in pre-proceedings without leaving it, and ends it there', () => {
    const h: CaseHistoryEntry[] = [
      concern('c1', '2027-01-04'),
      decision('initiate_pre_proceedings', { effectiveDate: '2027-01-05' }),
      concernFor('c2', [C2], '2027-01-10'),
    ];
    const d = s47({ childIds: [C2], effectiveDate: '2027-01-11' });
    const result = checkNewDecision(h, d, CHILDREN);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.next.stage).toBe('pre_proceedings');
    expect(result.next.s47.active).toBe(true);
    const nfa = decision('no_further_action', { childIds: [C2], effectiveDate: '2027-01-20' });
    const ended = checkNewDecision([...h, d], nfa, CHILDREN);
    expect(ended).toMatchObject({ ok: true });
    if (ended.ok) {
      expect(ended.next.stage).toBe('pre_proceedings');
      expect(ended.next.s47.active).toBe(false);
    }
  });

  it('lists the sibling enquiry in the same episode, with its own ICPC clock', () => {
    const h = [
      ...onPlan(),
      siblingConcern,
      s47({ childIds: [C2], effectiveDate: '2027-02-02', strategyDiscussionDate: '2027-02-01' }),
    ];
    const { cp, state } = caseEpisodes(h);
    expect(cp).toHaveLength(1);
    expect(cp[0].plans).toEqual([{ childId: C1, startedAt: '2027-01-20', endedOn: null }]);
    expect(cp[0].laterEnquiries).toEqual([
      { childIds: [C2], strategyDiscussionDate: '2027-02-01', startedAt: '2027-02-02' },
    ]);
    expect(replay(h)).toEqual(state);
  });
});
