/**
 * The record kind of `src/conferences` (docs/conferences.md): a child protection conference
 * inside a case. Its record fact `author` is "the caller chairs this conference": the chair,
 * who holds no case role, sees and records this conference only. Scheduling is the case row
 * `conference.schedule` (cp_manager). Never shared with partners.
 */
import { all, any, recordFact, role } from 'src/access/predicates';
import { NO_RECORD_FACTS, type InCaseKind } from 'src/access/record-kind';
import {
  COWORKING_ECPP,
  FAMILY_HELP_ON_CASE,
  MACPT_SEES,
  SEES_CASE,
} from 'src/access/verdict-vocabulary';

/** The chair of the targeted conference. */
const CHAIRS = all(role('conference_chair'), recordFact('author'));

export const CONFERENCE: InCaseKind = {
  name: 'cp_conference',
  label: 'Conference',
  locate: 'in_case',
  routes: ['/api/v1/conferences/:id'],
  permissions: ['conference.read', 'conference.chair', 'conference.report'],
  events: [
    'conference.scheduled',
    'conference.held',
    'conference.concluded',
    'conference.report_submitted',
    'cp_plan.versioned',
  ],
  trainingEvents: ['schedule_conference', 'conference_outcome'],
  table: 'cp_conference',
  children: (r) => `${r}.child_ids`,
  facts: {
    ...NO_RECORD_FACTS,
    author: (r, me, kind) => `(${r}.chair_id = ${me} AND ${kind} = 'user')`,
  },
  rules: {
    'conference.read': { see: any(SEES_CASE, CHAIRS) },
    'conference.chair': {
      see: any(SEES_CASE, CHAIRS),
      act: CHAIRS,
      why: "Only the conference's chair records it",
    },
    /** Agency reports: a MACPT member while its team's work on the case is open, or the case's
     * own staff (Family Help team, co-working ECPP) for social care. */
    'conference.report': {
      see: any(SEES_CASE, CHAIRS),
      act: any(MACPT_SEES, FAMILY_HELP_ON_CASE, COWORKING_ECPP),
      why: "Only the agencies' MACPT members and the case's own staff report to a conference",
    },
  },
  sharing: false,
};
