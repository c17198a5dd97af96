import { DECISION_TYPES, DecisionType } from 'src/case-history/case-types';
import type { RecordDecisionDto } from './dto/decision.dto';
import { decisionFieldErrors, toEntry } from './decision-validation';

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';

const dto = (type: DecisionType, over: Partial<RecordDecisionDto> = {}): RecordDecisionDto => ({
  type,
  rationale: 'A substantive rationale of enough length.',
  childIds: [C1],
  effectiveDate: '2027-01-12',
  ...(type === 'start_child_protection_plan' ? { category: 'NEG' as const } : {}),
  // an application names the day the court issued it and the court (the 26 weeks run from it)
  ...(type === 'apply_for_care_proceedings'
    ? { issuedOn: '2027-01-12', court: 'Family Court at Leeds' }
    : {}),
  // the ways out name how they end
  ...(type === 'end_pre_proceedings' ? { outcome: 'step_down_family_help' as const } : {}),
  ...(type === 'conclude_care_proceedings'
    ? { concludedOn: '2027-01-12', orders: ['care_order' as const] }
    : {}),
  ...over,
});
const fields = (d: RecordDecisionDto, children = [C1, C2]) =>
  decisionFieldErrors(d, children).map((e) => e.field);

/** The optional field that belongs to each type (and only to it). */
const OWN_FIELD: Partial<Record<DecisionType, [keyof RecordDecisionDto, unknown]>> = {
  start_child_protection_plan: ['category', 'PHY'],
  start_section_47_enquiry: ['strategyDiscussionDate', '2027-01-11'],
  convene_initial_cp_conference: ['conferenceDate', '2027-01-20'],
  apply_for_care_proceedings: ['urgent', true],
};

describe('decisionFieldErrors', () => {
  it.each(DECISION_TYPES)('%s: valid with only its own fields', (type) => {
    expect(fields(dto(type))).toEqual([]);
  });

  const pairs = DECISION_TYPES.flatMap((type) =>
    Object.entries(OWN_FIELD).map(
      ([owner, [field, value]]) => [type, owner, field, value] as const,
    ),
  );
  it.each(pairs)('%s with the field of %s (%s)', (type, owner, field, value) => {
    const errors = fields(dto(type, { [field]: value }));
    expect(errors).toEqual(type === owner ? [] : [field]);
  });

  it('requires a category for a child protection plan', () => {
    expect(fields(dto('start_child_protection_plan', { category: undefined }))).toEqual([
      'category',
    ]);
  });

  it('refuses children outside the case', () => {
    expect(fields(dto('no_further_action', { childIds: [C1, C2] }), [C1])).toEqual(['childIds']);
  });

  it('refuses a strategy discussion after the enquiry it started', () => {
    const late = dto('start_section_47_enquiry', { strategyDiscussionDate: '2027-01-13' });
    expect(fields(late)).toEqual(['strategyDiscussionDate']);
    const same = dto('start_section_47_enquiry', { strategyDiscussionDate: '2027-01-12' });
    expect(fields(same)).toEqual([]);
  });
});

describe('a s47 enquiry cites its strategy discussion or records an override', () => {
  const ID = '33333333-3333-4333-8333-333333333333';
  const REASON = 'Police protection overnight; no discussion could be convened first.';
  it('takes its date from the cited discussion, never alongside it', () => {
    const both = dto('start_section_47_enquiry', {
      strategyDiscussionId: ID,
      strategyDiscussionDate: '2027-01-11',
    });
    expect(fields(both)).toEqual(['strategyDiscussionDate']);
    expect(fields(dto('start_section_47_enquiry', { strategyDiscussionId: ID }))).toEqual([]);
  });
  it('with an override and no discussion, requires the date the clock runs from', () => {
    const bare = dto('start_section_47_enquiry', { overrideReason: REASON });
    expect(fields(bare)).toEqual(['strategyDiscussionDate']);
    const dated = dto('start_section_47_enquiry', {
      overrideReason: REASON,
      strategyDiscussionDate: '2027-01-11',
    });
    expect(fields(dated)).toEqual([]);
  });
  it.each(['no_further_action', 'start_child_protection_plan'] as const)(
    '%s takes neither strategyDiscussionId nor overrideReason',
    (type) => {
      expect(fields(dto(type, { strategyDiscussionId: ID, overrideReason: REASON }))).toEqual([
        'strategyDiscussionId',
        'overrideReason',
      ]);
    },
  );
});

describe('toEntry', () => {
  it('never defaults the strategy discussion date; defaults the conference date to the effective date', () => {
    expect(toEntry('d1', dto('start_section_47_enquiry'))).not.toHaveProperty(
      'strategyDiscussionDate',
    );
    expect(toEntry('d1', dto('start_section_47_enquiry'), '2027-01-10')).toMatchObject({
      id: 'd1',
      strategyDiscussionDate: '2027-01-10',
    });
    expect(toEntry('d2', dto('convene_initial_cp_conference'))).toMatchObject({
      conferenceDate: '2027-01-12',
    });
  });

  it('keeps given dates, the category, urgency and supersedesId', () => {
    expect(
      toEntry(
        'd3',
        dto('start_section_47_enquiry', { strategyDiscussionDate: '2027-01-08' }),
        '2027-01-08',
      ),
    ).toMatchObject({ strategyDiscussionDate: '2027-01-08', supersedesId: null });
    expect(
      toEntry('d4', dto('start_child_protection_plan', { category: 'MUL', supersedesId: 'd0' })),
    ).toMatchObject({ category: 'MUL', supersedesId: 'd0' });
    expect(toEntry('d5', dto('apply_for_care_proceedings', { urgent: true }))).toMatchObject({
      urgent: true,
    });
    expect(toEntry('d6', dto('no_further_action'))).not.toHaveProperty('strategyDiscussionDate');
  });
});
