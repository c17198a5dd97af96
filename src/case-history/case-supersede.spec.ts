import {
  CaseHistoryEntry,
  CaseState,
  DecisionEntry,
  checkNewDecision,
  replay,
  supersededIds,
} from './case-state';
import { concernEntry, decisionEntry } from 'test/fixtures/case-history.builders';

const C1 = 'child-1';
const C2 = 'child-2';
const CHILDREN = [C1, C2];

const decision = decisionEntry;
const concern = (id = 'concern-1', at = '2027-01-04'): CaseHistoryEntry => concernEntry({ id, at });

/** Appends `d` when allowed; fails the test with the refusal otherwise. */
function record(history: CaseHistoryEntry[], d: DecisionEntry): CaseState {
  const result = checkNewDecision(history, d, CHILDREN);
  if (!result.ok) throw new Error(`${d.type} refused: ${result.code} (${result.detail})`);
  history.push(d);
  return result.next;
}

describe('superseding decisions', () => {
  const base = (): CaseHistoryEntry[] => [
    concern(),
    decision('start_section_47_enquiry', { id: 's47', effectiveDate: '2027-01-05' }),
    decision('convene_initial_cp_conference', {
      id: 'icpc',
      effectiveDate: '2027-01-06',
      conferenceDate: '2027-01-20',
    }),
    decision('start_child_protection_plan', {
      id: 'p1',
      category: 'NEG',
      effectiveDate: '2027-01-20',
    }),
  ];

  it('corrects a plan ended by mistake: a plan decision superseding the end continues it', () => {
    const history = base();
    const mistake = decision('end_child_protection_plan', {
      id: 'end',
      effectiveDate: '2027-03-01',
    });
    expect(record(history, mistake).stage).toBe('family_help');
    const reinstate = decision('start_child_protection_plan', {
      id: 'p-again',
      category: 'NEG',
      effectiveDate: '2027-03-02',
      supersedesId: 'end',
    });
    const next = record(history, reinstate);
    expect(next.stage).toBe('child_protection');
    expect(next.cpPlans).toEqual({
      [C1]: { category: 'NEG', startedAt: '2027-01-20', decisionId: 'p1' },
    });
    expect(next.openConcernIds).toEqual(['concern-1']);
    // without supersedesId the same decision is refused: the case has stepped down
    const plain = decision('start_child_protection_plan', { category: 'NEG' });
    expect(checkNewDecision(history.slice(0, -1), plain, CHILDREN)).toMatchObject({
      ok: false,
      code: 'stage_not_allowed',
    });
    // children the end did not cover may join (they were not on a plan)
    const other = decision('start_child_protection_plan', {
      category: 'NEG',
      childIds: [C1, C2],
      supersedesId: 'end',
    });
    expect(checkNewDecision(history.slice(0, -1), other, CHILDREN).ok).toBe(true);
  });

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
      code: 's47_already_open',
    });
  });
});
