/**
 * The record kinds of `src/plans` (docs/plans.md): FGDM meetings, Family Network Plans, Child
 * Community Safety Plans and their actions. Partners may be named on the first three; an
 * action is shared through its plan.
 */
import { all, any, recordFact, role } from 'src/access/predicates';
import {
  activeShare,
  noAuthor,
  sharedFacts,
  type InCaseKind,
  type TenantKind,
} from 'src/common/record-kind';
import {
  COWORKING_ECPP,
  ecppDecidesSafetyPlan,
  FAMILY_HELP_ON_CASE,
  familyHelpOrEcpp,
  familyHelpWritesPlan,
  SEES_CASE,
  SEES_SHARED,
  SHARED_RECORD,
  teamMember,
} from 'src/access/verdict-vocabulary';

export const FGDM_MEETING: InCaseKind = {
  name: 'fgdm_meeting',
  label: 'FGDM meeting',
  locate: 'in_case',
  routes: ['/api/v1/fgdm-meetings/:id'],
  permissions: ['plan.read', 'plan.partners', 'plan.share'],
  trainingEvents: ['fgdm_meeting'],
  table: 'fgdm_meeting',
  children: (r) => `${r}.child_ids`,
  facts: sharedFacts('fgdm_meeting'),
  rules: SHARED_RECORD,
  sharing: {
    label: 'Family group decision-making meeting',
    discloses:
      "Family group decision-making meeting: the meeting record and the family's plan, and the children's names and dates of birth",
  },
};

export const FAMILY_NETWORK_PLAN: InCaseKind = {
  name: 'family_network_plan',
  label: 'Family Network Plan',
  locate: 'in_case',
  routes: ['/api/v1/family-network-plans/:id'],
  permissions: [
    'plan.read',
    'plan.partners',
    'plan.share',
    'family_network_plan.write',
    'family_network_plan.agree',
  ],
  events: ['plan.agreed', 'plan.started', 'plan.ended'],
  trainingEvents: [
    'family_network_plan',
    'change_family_network_plan',
    'agree_family_network_plan',
    'activate_family_network_plan',
    'review_family_network_plan',
    'end_family_network_plan',
  ],
  table: 'family_network_plan',
  children: (r) => `${r}.child_ids`,
  facts: sharedFacts('family_network_plan'),
  rules: {
    ...SHARED_RECORD,
    'family_network_plan.write': familyHelpWritesPlan(),
    'family_network_plan.agree': {
      see: SEES_CASE,
      act: any(all(role('family_help_manager'), teamMember), COWORKING_ECPP),
      why: "Only a Family Help manager of the case's team or its co-working ECPP agrees a plan",
    },
  },
  sharing: {
    label: 'Family Network Plan',
    discloses:
      "Family Network Plan: its content, carers and support package, and the children's names and dates of birth",
  },
};

export const COMMUNITY_SAFETY_PLAN: InCaseKind = {
  name: 'community_safety_plan',
  label: 'Community safety plan',
  locate: 'in_case',
  routes: ['/api/v1/community-safety-plans/:id'],
  permissions: [
    'plan.read',
    'plan.partners',
    'plan.share',
    'community_safety_plan.decide',
    'community_safety_plan.contribute',
  ],
  events: ['plan.started', 'plan.ended'],
  trainingEvents: [
    'start_community_safety_plan',
    'review_community_safety_plan',
    'end_community_safety_plan',
  ],
  table: 'community_safety_plan',
  children: (r) => `ARRAY[${r}.child_id]`,
  facts: sharedFacts('community_safety_plan'),
  rules: {
    ...SHARED_RECORD,
    'community_safety_plan.decide': ecppDecidesSafetyPlan(),
    'community_safety_plan.contribute': familyHelpOrEcpp,
  },
  sharing: {
    label: 'Child Community Safety Plan',
    discloses:
      "Child Community Safety Plan: its content, actions and reviews, and the young person's name and date of birth",
  },
};

/** A safety-plan action: the case's team or ECPP, or a partner of the plan whose agency owns
 * the action (a partner of another agency sees it, 403). Shared through its plan. */
export const COMMUNITY_SAFETY_PLAN_ACTION: InCaseKind = {
  name: 'community_safety_plan_action',
  label: 'Action',
  locate: 'in_case',
  routes: ['/api/v1/community-safety-plans/:id/actions/:actionId'],
  permissions: ['plan.action_update'],
  trainingEvents: ['safety_plan_action', 'update_safety_plan_action'],
  table: `(SELECT a.id, a.agency, p.id AS plan_id, p.case_id, p.child_id
             FROM community_safety_plan_action a
             JOIN community_safety_plan p ON p.id = a.plan_id)`,
  children: (r) => `ARRAY[${r}.child_id]`,
  facts: {
    author: noAuthor,
    shared: (r, me) => activeShare('community_safety_plan', `${r}.plan_id`, me),
    ownAgency: (r, me) =>
      activeShare('community_safety_plan', `${r}.plan_id`, me, `s.agency = ${r}.agency`),
  },
  rules: {
    'plan.action_update': {
      see: SEES_SHARED,
      act: any(FAMILY_HELP_ON_CASE, COWORKING_ECPP, all(role('partner'), recordFact('ownAgency'))),
      why: "A partner updates only its own agency's actions",
    },
  },
  sharing: false,
};

/** An information-sharing record: a partner named on a record (addressed through that record's
 * `/partners` routes, never by its own id). */
export const INFORMATION_SHARING_RECORD: TenantKind = {
  name: 'information_sharing_record',
  label: 'Information-sharing record',
  locate: 'tenant',
  routes: [],
  permissions: [],
  trainingEvents: ['share', 'end_share'],
  table: 'information_sharing_record',
  laColumn: 'local_authority_id',
  children: (r) => `${r}.child_ids`,
};

export const PLANS_RECORD_KINDS = [
  INFORMATION_SHARING_RECORD,
  FGDM_MEETING,
  FAMILY_NETWORK_PLAN,
  COMMUNITY_SAFETY_PLAN,
  COMMUNITY_SAFETY_PLAN_ACTION,
] as const;
