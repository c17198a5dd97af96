/**
 * The record kinds of `src/proceedings` (docs/before-proceedings.md): FGDM offers, exemptions
 * and referrals inside a case. A referral's record fact `author` is "the caller is its
 * coordinator": the coordinator, who holds no case role, sees and updates that referral only.
 * An exemption is authorised by a service_manager only. None is shared with partners.
 */
import { all, any, recordFact, role } from 'src/access/predicates';
import { NO_RECORD_FACTS, type InCaseKind } from 'src/common/record-kind';
import { familyHelpOrEcpp, SEES_CASE } from 'src/access/verdict-vocabulary';

/** The coordinator the targeted referral was made to. */
const COORDINATES = all(role('fgdm_coordinator'), recordFact('author'));

export const FGDM_OFFER: InCaseKind = {
  name: 'fgdm_offer',
  label: 'FGDM offer',
  locate: 'in_case',
  routes: ['/api/v1/fgdm-offers/:id'],
  permissions: ['fgdm.record'],
  events: ['fgdm_offer.made', 'fgdm_offer.answered'],
  trainingEvents: ['fgdm_offer', 'answer_fgdm_offer'],
  table: 'fgdm_offer',
  children: (r) => `${r}.child_ids`,
  facts: NO_RECORD_FACTS,
  rules: { 'fgdm.record': familyHelpOrEcpp },
  sharing: false,
};

export const FGDM_EXEMPTION: InCaseKind = {
  name: 'fgdm_exemption',
  label: 'FGDM exemption',
  locate: 'in_case',
  routes: ['/api/v1/fgdm-exemptions/:id'],
  permissions: ['fgdm_exemption.authorise'],
  events: ['fgdm_exemption.authorised'],
  trainingEvents: ['fgdm_exemption', 'authorise_fgdm_exemption'],
  table: 'fgdm_exemption',
  children: (r) => `${r}.child_ids`,
  facts: NO_RECORD_FACTS,
  rules: {
    'fgdm_exemption.authorise': {
      see: SEES_CASE,
      act: role('service_manager'),
      why: 'Only a service manager authorises an FGDM exemption',
    },
  },
  sharing: false,
};

export const FGDM_REFERRAL: InCaseKind = {
  name: 'fgdm_referral',
  label: 'FGDM referral',
  locate: 'in_case',
  routes: ['/api/v1/fgdm-referrals/:id'],
  permissions: ['fgdm_referral.read', 'fgdm_referral.update'],
  trainingEvents: ['fgdm_referral', 'update_fgdm_referral'],
  table: 'fgdm_referral',
  children: (r) => `${r}.child_ids`,
  facts: {
    ...NO_RECORD_FACTS,
    author: (r, me, kind) => `(${r}.coordinator_id = ${me} AND ${kind} = 'user')`,
  },
  rules: {
    'fgdm_referral.read': { see: any(SEES_CASE, COORDINATES) },
    'fgdm_referral.update': {
      see: any(SEES_CASE, COORDINATES),
      act: COORDINATES,
      why: "Only the referral's coordinator updates it",
    },
  },
  sharing: false,
};

export const PROCEEDINGS_RECORD_KINDS = [FGDM_OFFER, FGDM_EXEMPTION, FGDM_REFERRAL] as const;
