import { replay } from './case-state';
import { childrenWithoutOrder, closureBlockers } from './closure-rules';
import type { CaseHistoryEntry } from './case-types';
import { concernEntry, decisionEntry as d } from 'test/fixtures/case-history.builders';

const codes = (history: CaseHistoryEntry[]) => closureBlockers(replay(history)).map((b) => b.code);

describe('closureBlockers: a case closes only when its child-protection process is finished', () => {
  it('nothing blocks a Family Help case with no concern', () => {
    expect(codes([])).toEqual([]);
  });

  it('concern_open: a concern of significant harm not yet decided', () => {
    expect(codes([concernEntry()])).toEqual(['concern_open']);
  });

  it('concern_open and s47_open while an enquiry runs', () => {
    expect(codes([concernEntry(), d('start_section_47_enquiry')])).toEqual([
      'concern_open',
      's47_open',
    ]);
  });

  it('every reason at once, in order, for a child on a plan during proceedings', () => {
    expect(
      codes([
        concernEntry(),
        d('start_section_47_enquiry'),
        d('convene_initial_cp_conference'),
        d('start_child_protection_plan', { category: 'NEG' }),
        d('initiate_pre_proceedings'),
      ]),
    ).toEqual(['concern_open', 's47_open', 'plan_active', 'proceedings_open']);
  });

  it('plan_active for a Child Community Safety Plan too, until it ends', () => {
    expect(codes([d('start_community_safety_plan')])).toEqual(['plan_active']);
    expect(codes([d('start_community_safety_plan'), d('end_community_safety_plan')])).toEqual([]);
  });

  it('proceedings_open in pre-proceedings and in care proceedings', () => {
    expect(codes([d('initiate_pre_proceedings')])).toEqual(['proceedings_open']);
    expect(codes([d('initiate_pre_proceedings'), d('apply_for_care_proceedings')])).toEqual([
      'proceedings_open',
    ]);
  });

  it('nothing once no further action closes the enquiry and its concern', () => {
    expect(codes([concernEntry(), d('start_section_47_enquiry'), d('no_further_action')])).toEqual(
      [],
    );
  });

  it('nothing after step-down: the last plan ended returns the case to Family Help', () => {
    expect(
      codes([
        concernEntry(),
        d('start_section_47_enquiry'),
        d('convene_initial_cp_conference'),
        d('start_child_protection_plan', { category: 'NEG' }),
        d('end_child_protection_plan'),
      ]),
    ).toEqual([]);
  });
});

describe('closure reasons that stand for an order (RC3, RC4)', () => {
  const sgo = { childIds: ['a', 'b'], orders: ['special_guardianship_order'] };

  it('RC4 is borne out only when concluded proceedings made an SGO for every child', () => {
    expect(childrenWithoutOrder('RC4', ['a', 'b'], [sgo])).toEqual([]);
    expect(childrenWithoutOrder('RC4', ['a', 'b', 'c'], [sgo])).toEqual(['c']);
    expect(childrenWithoutOrder('RC4', ['a'], [])).toEqual(['a']);
  });

  it('RC3 needs a child arrangements order: an SGO does not bear it out', () => {
    expect(childrenWithoutOrder('RC3', ['a', 'b'], [sgo])).toEqual(['a', 'b']);
    const cao = { childIds: ['a', 'b'], orders: ['child_arrangements_order', 'supervision_order'] };
    expect(childrenWithoutOrder('RC3', ['a', 'b'], [cao])).toEqual([]);
  });

  it('other reasons need no order', () => {
    expect(childrenWithoutOrder('RC7', ['a'], [])).toEqual([]);
  });
});
