import {
  DECISION_TYPES,
  DecisionType,
  RefusalCode,
  STAGES,
  Stage,
  checkNewDecision,
  replay,
} from './case-state';
import { CHILDREN, FIXTURES, decision } from 'test/fixtures/decision-history';
import { checkDecision } from './decision-rules';

const FIXTURE_STAGES: Record<string, Stage> = {
  family_help: 'family_help',
  family_help_with_concern: 'family_help',
  child_protection: 'child_protection',
  child_protection_convened: 'child_protection',
  child_protection_on_plan: 'child_protection',
  pre_proceedings: 'pre_proceedings',
  pre_proceedings_on_plan: 'pre_proceedings',
  care_proceedings: 'care_proceedings',
  closed: 'closed',
};

type Expected = Stage | RefusalCode;
// Each row: the result of every decision type (for child-1, category NEG, not urgent):
// a stage means allowed and the case's stage afterwards; otherwise the refusal code.
const TABLE: Record<string, Record<DecisionType, Expected>> = {
  family_help: {
    start_section_47_enquiry: 'no_open_concern',
    no_further_action: 'no_open_concern',
    convene_initial_cp_conference: 'stage_not_allowed',
    start_child_protection_plan: 'stage_not_allowed',
    end_child_protection_plan: 'child_not_on_plan',
    initiate_pre_proceedings: 'pre_proceedings',
    apply_for_care_proceedings: 'stage_not_allowed',
    start_community_safety_plan: 'family_help',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'stage_not_allowed',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  family_help_with_concern: {
    start_section_47_enquiry: 'child_protection',
    no_further_action: 'family_help',
    convene_initial_cp_conference: 'stage_not_allowed',
    start_child_protection_plan: 'stage_not_allowed',
    end_child_protection_plan: 'child_not_on_plan',
    initiate_pre_proceedings: 'pre_proceedings',
    apply_for_care_proceedings: 'stage_not_allowed',
    start_community_safety_plan: 'family_help',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'stage_not_allowed',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  child_protection: {
    start_section_47_enquiry: 's47_already_open',
    no_further_action: 'family_help',
    convene_initial_cp_conference: 'child_protection',
    start_child_protection_plan: 'no_conference_convened',
    end_child_protection_plan: 'child_not_on_plan',
    initiate_pre_proceedings: 'pre_proceedings',
    apply_for_care_proceedings: 'not_urgent',
    start_community_safety_plan: 'child_protection',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'stage_not_allowed',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  child_protection_convened: {
    start_section_47_enquiry: 's47_already_open',
    no_further_action: 'family_help',
    convene_initial_cp_conference: 'conference_already_convened',
    start_child_protection_plan: 'child_protection',
    end_child_protection_plan: 'child_not_on_plan',
    initiate_pre_proceedings: 'pre_proceedings',
    apply_for_care_proceedings: 'not_urgent',
    start_community_safety_plan: 'child_protection',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'stage_not_allowed',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  child_protection_on_plan: {
    start_section_47_enquiry: 'child_protection',
    no_further_action: 'plan_active',
    convene_initial_cp_conference: 'plan_active',
    start_child_protection_plan: 'child_already_on_plan',
    end_child_protection_plan: 'family_help',
    initiate_pre_proceedings: 'pre_proceedings',
    apply_for_care_proceedings: 'not_urgent',
    start_community_safety_plan: 'child_protection',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'stage_not_allowed',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  pre_proceedings: {
    start_section_47_enquiry: 'pre_proceedings',
    no_further_action: 'stage_not_allowed',
    convene_initial_cp_conference: 'stage_not_allowed',
    start_child_protection_plan: 'stage_not_allowed',
    end_child_protection_plan: 'child_not_on_plan',
    initiate_pre_proceedings: 'stage_not_allowed',
    apply_for_care_proceedings: 'care_proceedings',
    start_community_safety_plan: 'pre_proceedings',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'family_help',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  pre_proceedings_on_plan: {
    start_section_47_enquiry: 'pre_proceedings',
    no_further_action: 'stage_not_allowed',
    convene_initial_cp_conference: 'stage_not_allowed',
    start_child_protection_plan: 'stage_not_allowed',
    end_child_protection_plan: 'pre_proceedings',
    initiate_pre_proceedings: 'stage_not_allowed',
    apply_for_care_proceedings: 'care_proceedings',
    start_community_safety_plan: 'pre_proceedings',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'child_protection',
    conclude_care_proceedings: 'stage_not_allowed',
  },
  care_proceedings: {
    start_section_47_enquiry: 'care_proceedings',
    no_further_action: 'stage_not_allowed',
    convene_initial_cp_conference: 'stage_not_allowed',
    start_child_protection_plan: 'stage_not_allowed',
    end_child_protection_plan: 'child_not_on_plan',
    initiate_pre_proceedings: 'stage_not_allowed',
    apply_for_care_proceedings: 'stage_not_allowed',
    start_community_safety_plan: 'care_proceedings',
    end_community_safety_plan: 'no_safety_plan',
    end_pre_proceedings: 'stage_not_allowed',
    conclude_care_proceedings: 'family_help',
  },
  closed: Object.fromEntries(DECISION_TYPES.map((t) => [t, 'case_closed'])) as Record<
    DecisionType,
    Expected
  >,
};

const STAGE_NAMES: readonly string[] = STAGES;

describe('decision rules: every stage × every decision type', () => {
  it('the fixtures are in the stages they claim', () => {
    for (const [name, history] of Object.entries(FIXTURES)) {
      expect([name, replay(history).stage]).toEqual([name, FIXTURE_STAGES[name]]);
    }
  });

  const cases = Object.entries(TABLE).flatMap(([fixture, row]) =>
    DECISION_TYPES.map((type) => [fixture, type, row[type]] as const),
  );

  it.each(cases)('%s + %s → %s', (fixture, type, expected) => {
    const history = FIXTURES[fixture];
    const d = decision(type);
    const direct = checkDecision(replay(history), d, CHILDREN);
    const result = checkNewDecision(history, d, CHILDREN);
    if (STAGE_NAMES.includes(expected)) {
      expect(direct).toEqual({ ok: true });
      if (!result.ok) throw new Error(`refused: ${result.code} ${result.detail}`);
      expect(result.next.stage).toBe(expected);
      expect(result.next).toEqual(replay([...history, d]));
    } else {
      expect(direct).toMatchObject({ ok: false, code: expected });
      expect(result).toMatchObject({ ok: false, code: expected });
      if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
    }
  });

  it('covers every decision type in every fixture', () => {
    for (const row of Object.values(TABLE)) {
      expect(Object.keys(row).sort()).toEqual([...DECISION_TYPES].sort());
    }
  });
});
