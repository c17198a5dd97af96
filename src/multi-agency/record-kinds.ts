/**
 * The record kinds of `src/multi-agency` (docs/multi-agency.md): strategy discussions and
 * information requests. Requests for a discussion are addressed only through their case
 * (`/cases/:id/strategy-discussion-requests`) and are judged on it.
 */
import { all, any, readsEveryCase, recordFact, role } from 'src/access/predicates';
import { NO_RECORD_FACTS, noAuthor, type InCaseKind } from 'src/common/record-kind';
import {
  contributesToDiscussion,
  runsStrategyDiscussion,
  SEES_CASE,
  sendsInformationRequest,
} from 'src/access/verdict-vocabulary';
import { addressedToSql } from './information-request.repository';

export const STRATEGY_DISCUSSION: InCaseKind = {
  name: 'strategy_discussion',
  label: 'Strategy discussion',
  locate: 'in_case',
  routes: ['/api/v1/strategy-discussions/:id'],
  permissions: [
    'strategy_discussion.read',
    'strategy_discussion.run',
    'strategy_discussion.contribute',
    'information_request.send',
  ],
  events: ['strategy_discussion.held', 'strategy_discussion.concluded'],
  trainingEvents: [
    'strategy_discussion',
    'hold_strategy_discussion',
    'conclude_strategy_discussion',
  ],
  table: 'strategy_discussion',
  children: (r) => `${r}.child_ids`,
  /** Partners are never named on a discussion: MACPT members take part through their team. */
  facts: NO_RECORD_FACTS,
  rules: {
    'strategy_discussion.read': { see: SEES_CASE },
    'strategy_discussion.run': runsStrategyDiscussion(),
    'strategy_discussion.contribute': contributesToDiscussion(),
    'information_request.send': sendsInformationRequest(),
  },
  sharing: false,
};

/** The addressee: a partner or MACPT member named on the request, or of its agency. */
const ADDRESSEE = all(role('partner', 'macpt_member'), recordFact('shared'));
/** Case staff who read the case by their role (never a MACPT member by that alone). */
const STAFF = all(readsEveryCase(), SEES_CASE);

export const INFORMATION_REQUEST: InCaseKind = {
  name: 'information_request',
  label: 'Information request',
  locate: 'in_case',
  routes: ['/api/v1/information-requests/:id'],
  permissions: [
    'information_request.read',
    'information_request.respond',
    'information_request.send',
  ],
  events: [
    'information_request.sent',
    'information_request.answered',
    'information_request.declined',
  ],
  trainingEvents: ['information_request', 'answer_request', 'decline_request'],
  table: 'information_request',
  children: (r) => `${r}.child_ids`,
  /** `shared`: addressed to the caller by name, or to its agency (a partner or MACPT member). */
  facts: {
    author: noAuthor,
    shared: (r, me) => addressedToSql(r, me),
    ownAgency: () => 'FALSE',
  },
  rules: {
    'information_request.read': { see: any(STAFF, ADDRESSEE) },
    'information_request.respond': {
      see: any(STAFF, ADDRESSEE),
      act: ADDRESSEE,
      why: 'Only its addressee answers a request',
    },
    'information_request.send': sendsInformationRequest(),
  },
  sharing: false,
};

export const MULTI_AGENCY_RECORD_KINDS: readonly InCaseKind[] = [
  STRATEGY_DISCUSSION,
  INFORMATION_REQUEST,
];
