import {
  CaseHistoryEntry,
  CaseState,
  DecisionEntry,
  DecisionType,
  checkClose,
  checkConcern,
  checkNewDecision,
  checkReopen,
  initialState,
  replay,
  supersededIds,
} from './case-state';

const C1 = 'child-1';
const C2 = 'child-2';
const CHILDREN = [C1, C2];

let seq = 0;
function decision(type: DecisionType, over: Partial<DecisionEntry> = {}): DecisionEntry {
  seq += 1;
  return {
    kind: 'decision',
    id: `decision-${seq}`,
    type,
    childIds: [C1],
    effectiveDate: '2027-02-01',
    ...over,
  };
}
const concern = (id = 'concern-1', at = '2027-01-04'): CaseHistoryEntry => ({
  kind: 'concern_raised',
  id,
  childIds: [C1],
  at,
});
const closed = (at = '2027-06-01'): CaseHistoryEntry => ({ kind: 'closed', at, reason: 'done' });
const reopened = (at = '2027-07-01'): CaseHistoryEntry => ({ kind: 'reopened', at });

/** Appends `d` when allowed; fails the test with the refusal otherwise. */
function record(history: CaseHistoryEntry[], d: DecisionEntry): CaseState {
  const result = checkNewDecision(history, d, CHILDREN);
  if (!result.ok) throw new Error(`${d.type} refused: ${result.code} (${result.detail})`);
  history.push(d);
  return result.next;
}

describe('initialState and replay', () => {
  it('starts in family_help with nothing open', () => {
    expect(initialState()).toEqual({
      stage: 'family_help',
      stageBeforeClose: null,
      openConcernIds: [],
      s47: { active: false, strategyDiscussionDate: null, startedAt: null },
      icpc: { convened: false, conferenceDate: null, heldAt: null },
      cpPlans: {},
      safetyPlans: {},
      careProceedings: null,
      preProceedings: null,
    });
    expect(replay([])).toEqual(initialState());
  });

  it('returns a fresh object each time', () => {
    const a = initialState();
    a.openConcernIds.push('x');
    expect(initialState().openConcernIds).toEqual([]);
  });

  it('opens concerns in order and ignores a repeated concern id', () => {
    expect(replay([concern('a'), concern('b'), concern('a')]).openConcernIds).toEqual(['a', 'b']);
  });

  it('applies history without re-checking the rules', () => {
    // A plan recorded in family_help would be refused today; replay still applies it.
    const state = replay([decision('start_child_protection_plan', { category: 'PHY' })]);
    expect(state.stage).toBe('family_help');
    expect(state.cpPlans[C1]).toMatchObject({ category: 'PHY' });
  });

  it('ignores a plan without a category rather than inventing one', () => {
    const state = replay([concern(), decision('start_section_47_enquiry')]);
    const after = replay([
      concern(),
      decision('start_section_47_enquiry'),
      decision('start_child_protection_plan'),
    ]);
    expect(after).toEqual(state);
  });
});

describe('closing and reopening', () => {
  it('records the stage before closure and reopens in family_help with nothing open', () => {
    const history: CaseHistoryEntry[] = [
      concern(),
      decision('start_section_47_enquiry', { strategyDiscussionDate: '2027-01-04' }),
      decision('convene_initial_cp_conference'),
    ];
    expect(checkClose(replay(history))).toEqual({ ok: true });
    const shut = replay([...history, closed()]);
    expect(shut).toEqual({
      ...initialState(),
      stage: 'closed',
      stageBeforeClose: 'child_protection',
    });
    const open = replay([...history, closed(), reopened()]);
    expect(open).toEqual(initialState());
  });

  it('keeps care and pre-proceedings out of a reopened case', () => {
    const history: CaseHistoryEntry[] = [
      decision('initiate_pre_proceedings'),
      decision('apply_for_care_proceedings'),
      closed(),
    ];
    expect(replay(history)).toMatchObject({
      stage: 'closed',
      stageBeforeClose: 'care_proceedings',
    });
    expect(replay([...history, reopened()])).toEqual(initialState());
  });

  it('refuses to close while a child is on a CP plan', () => {
    const state = replay([
      concern(),
      decision('start_section_47_enquiry'),
      decision('start_child_protection_plan', { category: 'NEG' }),
    ]);
    expect(checkClose(state)).toMatchObject({ ok: false, code: 'plan_active' });
  });

  it('refuses to close while a child is on a community safety plan', () => {
    const state = replay([decision('start_community_safety_plan')]);
    expect(checkClose(state)).toMatchObject({ ok: false, code: 'safety_plan_active' });
    const ended = replay([
      decision('start_community_safety_plan'),
      decision('end_community_safety_plan'),
    ]);
    expect(checkClose(ended)).toEqual({ ok: true });
  });

  it('refuses to close a closed case and to reopen an open one', () => {
    expect(checkClose(replay([closed()]))).toMatchObject({ ok: false, code: 'case_closed' });
    expect(checkReopen(replay([closed()]))).toEqual({ ok: true });
    expect(checkReopen(initialState())).toMatchObject({ ok: false, code: 'stage_not_allowed' });
    expect(checkReopen(replay([closed(), reopened()]))).toMatchObject({ ok: false });
  });

  it('allows concerns on any open case only', () => {
    expect(checkConcern(initialState())).toEqual({ ok: true });
    expect(checkConcern(replay([concern(), decision('start_section_47_enquiry')]))).toEqual({
      ok: true,
    });
    expect(checkConcern(replay([decision('initiate_pre_proceedings')]))).toEqual({ ok: true });
    expect(checkConcern(replay([closed()]))).toMatchObject({ ok: false, code: 'case_closed' });
    expect(checkConcern(replay([closed(), reopened()]))).toEqual({ ok: true });
  });

  it('refuses every decision on a closed case', () => {
    const history = [concern(), closed()];
    const result = checkNewDecision(history, decision('start_section_47_enquiry'), CHILDREN);
    expect(result).toMatchObject({ ok: false, code: 'case_closed' });
  });
});

describe('superseding decisions', () => {
  const base = (): CaseHistoryEntry[] => [
    concern(),
    decision('start_section_47_enquiry', { id: 's47', effectiveDate: '2027-01-05' }),
    decision('start_child_protection_plan', {
      id: 'p1',
      category: 'NEG',
      effectiveDate: '2027-01-20',
    }),
  ];

  it('corrects a CP plan category with a superseding plan decision', () => {
    const history = base();
    const correction = decision('start_child_protection_plan', {
      id: 'p2',
      category: 'EMO',
      effectiveDate: '2027-01-20',
      supersedesId: 'p1',
    });
    const result = checkNewDecision(history, correction, CHILDREN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.next.cpPlans).toEqual({
      [C1]: { category: 'EMO', startedAt: '2027-01-20', decisionId: 'p2' },
    });
    expect(result.next.icpc.heldAt).toBe('2027-01-20');
    expect(result.next.stage).toBe('child_protection');
  });

  it('refuses the same correction without supersedesId', () => {
    const plain = decision('start_child_protection_plan', { category: 'EMO' });
    expect(checkNewDecision(base(), plain, CHILDREN)).toMatchObject({
      ok: false,
      code: 'child_already_on_plan',
    });
  });

  it('refuses to supersede an unknown decision or an entry that is not a decision', () => {
    const ghost = decision('start_child_protection_plan', { category: 'EMO', supersedesId: 'x' });
    expect(checkNewDecision(base(), ghost, CHILDREN)).toMatchObject({
      code: 'superseded_unknown',
    });
    const concernId = decision('no_further_action', { supersedesId: 'concern-1' });
    expect(checkNewDecision(base(), concernId, CHILDREN)).toMatchObject({
      code: 'superseded_unknown',
    });
  });

  it('refuses to supersede a decision that is already superseded', () => {
    const history = base();
    record(
      history,
      decision('start_child_protection_plan', { id: 'p2', category: 'EMO', supersedesId: 'p1' }),
    );
    const again = decision('start_child_protection_plan', { category: 'PHY', supersedesId: 'p1' });
    expect(checkNewDecision(history, again, CHILDREN)).toMatchObject({
      ok: false,
      code: 'superseded_unknown',
    });
  });

  it('allows superseding the correction, and the original stays superseded', () => {
    const history = base();
    record(
      history,
      decision('start_child_protection_plan', { id: 'p2', category: 'EMO', supersedesId: 'p1' }),
    );
    const next = record(
      history,
      decision('start_child_protection_plan', { id: 'p3', category: 'PHY', supersedesId: 'p2' }),
    );
    expect(next.cpPlans[C1]).toEqual({
      category: 'PHY',
      startedAt: '2027-02-01',
      decisionId: 'p3',
    });
    expect(supersededIds(history)).toEqual(new Set(['p1', 'p2']));
    expect(replay(history)).toEqual(next);
  });

  it('still applies the ordinary rules to the superseding decision', () => {
    const wrong = decision('apply_for_care_proceedings', { supersedesId: 'p1' });
    expect(checkNewDecision(base(), wrong, CHILDREN)).toMatchObject({ code: 'not_urgent' });
    const noCategory = decision('start_child_protection_plan', { supersedesId: 'p1' });
    expect(checkNewDecision(base(), noCategory, CHILDREN)).toMatchObject({
      code: 'category_required',
    });
  });

  it('replaces a mistaken no-further-action with a different decision', () => {
    const history: CaseHistoryEntry[] = [
      concern(),
      decision('start_section_47_enquiry', { id: 's47' }),
      decision('no_further_action', { id: 'nfa' }),
    ];
    expect(replay(history).stage).toBe('family_help');
    const convene = decision('convene_initial_cp_conference');
    expect(checkNewDecision(history, convene, CHILDREN)).toMatchObject({
      ok: false,
      code: 'stage_not_allowed',
    });
    // Without the NFA the case is in child_protection, so an ICPC can be convened.
    const asIfNot = checkNewDecision(
      history,
      decision('convene_initial_cp_conference', {
        supersedesId: 'nfa',
        conferenceDate: '2027-01-20',
      }),
      CHILDREN,
    );
    expect(asIfNot).toMatchObject({ ok: true });
    if (!asIfNot.ok) return;
    expect(asIfNot.next).toMatchObject({
      stage: 'child_protection',
      openConcernIds: ['concern-1'],
      icpc: { convened: true, conferenceDate: '2027-01-20' },
    });
  });

  it('skips superseded decisions on replay; the superseding one acts at its own position', () => {
    const history: CaseHistoryEntry[] = [
      concern(),
      decision('start_section_47_enquiry', {
        id: 'wrong',
        effectiveDate: '2027-01-06',
        strategyDiscussionDate: '2027-01-06',
      }),
      decision('convene_initial_cp_conference', { id: 'c1', conferenceDate: '2027-01-25' }),
      decision('start_section_47_enquiry', {
        id: 'right',
        effectiveDate: '2027-01-06',
        strategyDiscussionDate: '2027-01-04',
        supersedesId: 'wrong',
      }),
    ];
    const state = replay(history);
    expect(state.stage).toBe('child_protection');
    expect(state.s47.strategyDiscussionDate).toBe('2027-01-04');
    // The conference convened in between keeps its effect.
    expect(state.icpc).toMatchObject({ convened: true, conferenceDate: '2027-01-25' });
    // Skipping is by id: without the correction the wrong date stands.
    expect(replay(history.slice(0, 3)).s47.strategyDiscussionDate).toBe('2027-01-06');
  });

  it('checks the correction of a strategy date as if the first enquiry had not started', () => {
    const history: CaseHistoryEntry[] = [
      concern(),
      decision('start_section_47_enquiry', { id: 'wrong', strategyDiscussionDate: '2027-01-06' }),
    ];
    const fix = decision('start_section_47_enquiry', {
      strategyDiscussionDate: '2027-01-04',
      supersedesId: 'wrong',
    });
    expect(checkNewDecision(history, fix, CHILDREN)).toMatchObject({ ok: true });
    const unsuperseding = decision('start_section_47_enquiry', {});
    expect(checkNewDecision(history, unsuperseding, CHILDREN)).toMatchObject({
      code: 'stage_not_allowed',
    });
  });
});

describe('the full story', () => {
  it('referral → concern → s47 → ICPC → plans → step down → close → reopen', () => {
    const history: CaseHistoryEntry[] = [];
    let state = replay(history); // the case is created on referral
    expect(state.stage).toBe('family_help');

    expect(checkConcern(state)).toEqual({ ok: true });
    history.push(concern('c1', '2026-12-17'));
    state = replay(history);
    expect(state.openConcernIds).toEqual(['c1']);

    state = record(
      history,
      decision('start_section_47_enquiry', {
        childIds: [C1, C2],
        effectiveDate: '2026-12-18',
        strategyDiscussionDate: '2026-12-18',
      }),
    );
    expect(state).toMatchObject({
      stage: 'child_protection',
      s47: { active: true, strategyDiscussionDate: '2026-12-18', startedAt: '2026-12-18' },
    });

    state = record(
      history,
      decision('convene_initial_cp_conference', {
        childIds: [C1, C2],
        effectiveDate: '2026-12-21',
        conferenceDate: '2027-01-12',
      }),
    );
    expect(state.icpc).toEqual({ convened: true, conferenceDate: '2027-01-12', heldAt: null });
    expect(checkClose(state)).toEqual({ ok: true });

    state = record(
      history,
      decision('start_child_protection_plan', {
        childIds: [C1, C2],
        category: 'NEG',
        effectiveDate: '2027-01-12',
      }),
    );
    expect(state.icpc.heldAt).toBe('2027-01-12');
    expect(Object.keys(state.cpPlans).sort()).toEqual([C1, C2]);
    expect(checkClose(state)).toMatchObject({ code: 'plan_active' });
    expect(checkNewDecision(history, decision('no_further_action'), CHILDREN)).toMatchObject({
      code: 'plan_active',
    });

    state = record(history, decision('end_child_protection_plan', { childIds: [C1] }));
    expect(state.stage).toBe('child_protection');

    state = record(history, decision('end_child_protection_plan', { childIds: [C2] }));
    expect(state).toEqual(initialState());
    expect(replay(history)).toEqual(state);

    expect(checkClose(state)).toEqual({ ok: true });
    history.push(closed('2027-09-01'));
    state = replay(history);
    expect(state).toMatchObject({ stage: 'closed', stageBeforeClose: 'family_help' });
    expect(checkReopen(state)).toEqual({ ok: true });

    history.push(reopened('2027-10-01'));
    expect(replay(history)).toEqual(initialState());
  });
});
