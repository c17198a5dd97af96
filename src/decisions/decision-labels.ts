import type { DecisionType } from 'src/case-history/case-types';

/** Plain-English names for timeline summaries. */
export const DECISION_LABELS: Readonly<Record<DecisionType, string>> = Object.freeze({
  start_section_47_enquiry: 'start a section 47 enquiry',
  no_further_action: 'no further action',
  convene_initial_cp_conference: 'convene an initial child protection conference',
  start_child_protection_plan: 'start a child protection plan',
  end_child_protection_plan: 'end the child protection plan (step down)',
  initiate_pre_proceedings: 'initiate pre-proceedings',
  apply_for_care_proceedings: 'apply for care proceedings',
  start_community_safety_plan: 'start a child community safety plan',
  end_community_safety_plan: 'end the child community safety plan',
  end_pre_proceedings: 'end pre-proceedings (step down)',
  conclude_care_proceedings: 'conclude care proceedings',
});

export const children = (n: number) => (n === 1 ? '1 child' : `${n} children`);
