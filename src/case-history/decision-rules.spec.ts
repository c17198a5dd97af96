import { replay } from './case-state';
import {
  C1,
  C2,
  CHILDREN,
  FIXTURES,
  concern,
  decision,
  plan,
  s47,
} from 'test/fixtures/decision-history';
import { applyDecision, checkDecision } from './decision-rules';

describe('decision rules: details', () => {
  const cp = FIXTURES.child_protection;

  it('allows urgent care proceedings straight from child_protection only', () => {
    const urgent = decision('apply_for_care_proceedings', { urgent: true });
    expect(checkDecision(replay(cp), urgent, CHILDREN)).toEqual({ ok: true });
    expect(applyDecision(replay(cp), urgent).stage).toBe('care_proceedings');
    for (const fixture of ['family_help_with_concern', 'care_proceedings']) {
      expect(checkDecision(replay(FIXTURES[fixture]), urgent, CHILDREN)).toMatchObject({
        code: 'stage_not_allowed',
      });
    }
  });

  it('requires a valid category for a child protection plan', () => {
    const state = replay(cp);
    expect(checkDecision(state, plan({ category: undefined }), CHILDREN)).toMatchObject({
      code: 'category_required',
    });
    const bogus = plan({ category: 'XYZ' as unknown as 'NEG' });
    expect(checkDecision(state, bogus, CHILDREN)).toMatchObject({ code: 'category_required' });
  });

  it('requires the children to be a non-empty subset of the case children', () => {
    const state = replay(FIXTURES.family_help_with_concern);
    expect(checkDecision(state, s47({ childIds: [] }), CHILDREN)).toMatchObject({
      code: 'child_not_in_case',
    });
    expect(checkDecision(state, s47({ childIds: [C1, 'stranger'] }), CHILDREN)).toMatchObject({
      code: 'child_not_in_case',
    });
    expect(checkDecision(state, s47({ childIds: [C1, C2] }), CHILDREN)).toEqual({ ok: true });
  });

  it('refuses on a closed case before looking at the children', () => {
    const closed = replay(FIXTURES.closed);
    expect(checkDecision(closed, s47({ childIds: [] }), CHILDREN)).toMatchObject({
      code: 'case_closed',
    });
  });

  it('refuses a plan when any named child is already on one', () => {
    const state = replay(FIXTURES.child_protection_on_plan);
    expect(checkDecision(state, plan({ childIds: [C2] }), CHILDREN)).toEqual({ ok: true });
    expect(checkDecision(state, plan({ childIds: [C2, C1] }), CHILDREN)).toMatchObject({
      code: 'child_already_on_plan',
    });
    expect(
      checkDecision(state, decision('end_child_protection_plan', { childIds: [C1, C2] }), CHILDREN),
    ).toMatchObject({ code: 'child_not_on_plan' });
  });

  it('starts a s47 enquiry on the strategy discussion date, defaulting to the decision date', () => {
    const base = replay(FIXTURES.family_help_with_concern);
    expect(applyDecision(base, s47({ effectiveDate: '2026-12-21' })).s47).toEqual({
      active: true,
      strategyDiscussionDate: '2026-12-21',
      startedAt: '2026-12-21',
    });
    const explicit = s47({ effectiveDate: '2026-12-21', strategyDiscussionDate: '2026-12-18' });
    expect(applyDecision(base, explicit).s47.strategyDiscussionDate).toBe('2026-12-18');
    expect(applyDecision(base, explicit).openConcernIds).toEqual(['concern-1']);
  });

  it('convenes the ICPC on the conference date, defaulting to the decision date', () => {
    const base = replay(cp);
    const dflt = decision('convene_initial_cp_conference', { effectiveDate: '2027-01-08' });
    expect(applyDecision(base, dflt).icpc).toEqual({
      convened: true,
      conferenceDate: '2027-01-08',
      heldAt: null,
    });
    const dated = decision('convene_initial_cp_conference', { conferenceDate: '2027-01-13' });
    expect(applyDecision(base, dated).icpc.conferenceDate).toBe('2027-01-13');
  });

  it('marks the ICPC held by the first plan of the episode only', () => {
    const convened = replay(FIXTURES.child_protection_convened);
    const first = applyDecision(convened, plan({ id: 'p1', effectiveDate: '2027-02-03' }));
    // the plan is the outcome of the conference: held on the date it was convened for
    expect(first.icpc).toEqual({
      convened: true,
      conferenceDate: '2027-02-01',
      heldAt: '2027-02-01',
    });
    expect(first.cpPlans).toEqual({
      [C1]: { category: 'NEG', startedAt: '2027-02-03', decisionId: 'p1' },
    });
    const second = applyDecision(
      first,
      plan({ id: 'p2', childIds: [C2], category: 'EMO', effectiveDate: '2027-03-01' }),
    );
    expect(second.icpc.heldAt).toBe('2027-02-01');
    expect(second.cpPlans[C2]).toEqual({
      category: 'EMO',
      startedAt: '2027-03-01',
      decisionId: 'p2',
    });
    const unconvened = applyDecision(replay(cp), plan({ effectiveDate: '2027-01-14' }));
    expect(unconvened.icpc).toEqual({
      convened: true,
      conferenceDate: '2027-01-14',
      heldAt: '2027-01-14',
    });
  });

  it('steps down to family_help only when the last child leaves the plan', () => {
    const both = applyDecision(replay(cp), plan({ childIds: [C1, C2] }));
    const one = applyDecision(both, decision('end_child_protection_plan', { childIds: [C1] }));
    expect(one.stage).toBe('child_protection');
    expect(Object.keys(one.cpPlans)).toEqual([C2]);
    expect(one.s47.active).toBe(true);
    const none = applyDecision(one, decision('end_child_protection_plan', { childIds: [C2] }));
    expect(none).toMatchObject({
      stage: 'family_help',
      openConcernIds: [],
      cpPlans: {},
      s47: { active: false, strategyDiscussionDate: null, startedAt: null },
      icpc: { convened: false, conferenceDate: null, heldAt: null },
    });
  });

  it('no further action closes every open concern and ends the enquiry', () => {
    const history = [concern('a'), concern('b'), s47(), decision('convene_initial_cp_conference')];
    const after = applyDecision(replay(history), decision('no_further_action'));
    expect(after).toMatchObject({
      stage: 'family_help',
      openConcernIds: [],
      s47: { active: false },
      icpc: { convened: false, conferenceDate: null, heldAt: null },
    });
  });

  it('records the start of pre-proceedings and care proceedings', () => {
    const pre = applyDecision(
      replay(cp),
      decision('initiate_pre_proceedings', { effectiveDate: '2027-02-03' }),
    );
    expect(pre.preProceedings).toEqual({ startedAt: '2027-02-03' });
    const care = applyDecision(
      pre,
      decision('apply_for_care_proceedings', { effectiveDate: '2027-04-05' }),
    );
    expect(care.careProceedings).toEqual({ startedAt: '2027-04-05' });
    expect(care.preProceedings).toEqual({ startedAt: '2027-02-03' });
  });

  it('starts and ends community safety plans per child without moving the stage', () => {
    const state = replay(cp);
    const start = decision('start_community_safety_plan', { id: 'sp', childIds: [C1, C2] });
    const on = applyDecision(state, start);
    expect(on.stage).toBe('child_protection');
    expect(on.safetyPlans).toEqual({
      [C1]: { startedAt: '2027-02-01', decisionId: 'sp' },
      [C2]: { startedAt: '2027-02-01', decisionId: 'sp' },
    });
    expect(checkDecision(on, decision('start_community_safety_plan'), CHILDREN)).toMatchObject({
      code: 'safety_plan_active',
    });
    const end = decision('end_community_safety_plan', { childIds: [C2] });
    expect(checkDecision(on, end, CHILDREN)).toEqual({ ok: true });
    expect(Object.keys(applyDecision(on, end).safetyPlans)).toEqual([C1]);
  });

  it('does not modify the state it is given', () => {
    const state = replay(cp);
    const copy = structuredClone(state);
    applyDecision(state, plan({ childIds: [C1, C2] }));
    applyDecision(state, decision('no_further_action'));
    expect(state).toEqual(copy);
  });
});
