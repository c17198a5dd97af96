/** The scenario format's case events: the referral, notes, the assessment, the Family Help plan,
 * concerns, co-working, decisions and their challenges, conferences, meetings, visits and the
 * close. */
import { z } from 'zod';
import { MEETING_KINDS } from 'src/activities/case-meeting.entity';
import { ASSESSMENT_OUTCOMES } from 'src/assessments/assessment.entity';
import {
  CARE_PROCEEDINGS_ORDERS,
  CP_CATEGORIES,
  DECISION_TYPES,
  PRE_PROCEEDINGS_OUTCOMES,
} from 'src/case-history/case-types';
import { CLOSURE_REASON_CODES, REFERRAL_SOURCE_CODES } from 'src/cases/cin-codes';
import { ACTION_STATUSES } from 'src/cases/plan/family-help-plan-action.entity';
import {
  CONFERENCE_AGENCIES,
  CONFERENCE_TYPES,
  PLAN_OUTCOMES,
} from 'src/conferences/conference-rules';
import { base, date, key, keys, rationale, text } from './scenario-format-common';

const planAction = z.strictObject({
  description: text(2000),
  owner: key.optional(),
  ownerName: text(200).optional(),
  due: date.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
});

export const CASE_EVENT_SCHEMAS = [
  z.strictObject({
    ...base,
    do: z.literal('referral'),
    family: key,
    team: key,
    lead: key,
    children: keys,
    source: z.enum(REFERRAL_SOURCE_CODES),
    restricted: z.boolean().optional(),
  }),
  z.strictObject({ ...base, do: z.literal('note'), body: text() }),
  /** The child and family assessment through its routes: started (`started`, default `on`) and
   * completed on `on` by `by`, authorised by `authorisedBy` (the team's family_help_manager, or
   * the co-working ECPP in child protection), which meets the 45-working-day timescale. */
  z.strictObject({
    ...base,
    do: z.literal('assessment_completed'),
    authorisedBy: key,
    started: date.optional(),
    outcome: z.enum(ASSESSMENT_OUTCOMES).optional(),
    lateReason: text(2000).optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('family_help_plan'),
    goals: z
      .array(z.strictObject({ description: text(2000), actions: z.array(planAction).optional() }))
      .min(1),
    nextReview: date.optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('plan_review'),
    summary: text(),
    nextReview: date.optional(),
  }),
  z.strictObject({ ...base, do: z.literal('concern'), summary: text(), children: keys.optional() }),
  z.strictObject({ ...base, do: z.literal('assign_ecpp'), ecpp: key }),
  z.strictObject({
    ...base,
    do: z.literal('decision_request'),
    type: z.enum(DECISION_TYPES),
    view: text(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('decision'),
    type: z.enum(DECISION_TYPES),
    rationale,
    children: keys.optional(),
    category: z.enum(CP_CATEGORIES).optional(),
    strategyDiscussion: date.optional(),
    /** A s47's strategy discussion: the ref of a `strategy_discussion` event. */
    discussion: key.optional(),
    conferenceDate: date.optional(),
    urgent: z.boolean().optional(),
    request: key.optional(),
    supersedes: key.optional(),
    /** The concluded conference a plan decision records (start or end of a CP plan). */
    conference: key.optional(),
    /** `initiate_pre_proceedings`: the ref of the `legal_gateway` event it cites. */
    gateway: key.optional(),
    /** `apply_for_care_proceedings`: the day the court issued it, the court, its number. */
    issuedOn: date.optional(),
    court: text(200).optional(),
    courtCaseNumber: text(50).optional(),
    /** `end_pre_proceedings`: how pre-proceedings ended. */
    outcome: z.enum(PRE_PROCEEDINGS_OUTCOMES).optional(),
    /** `conclude_care_proceedings`: the day of the final orders, and the orders. */
    concludedOn: date.optional(),
    orders: z.array(z.enum(CARE_PROCEEDINGS_ORDERS)).min(1).optional(),
  }),
  /** The cp_manager schedules a conference with an independent chair (a user key). */
  z.strictObject({
    ...base,
    do: z.literal('schedule_conference'),
    type: z.enum(CONFERENCE_TYPES),
    chair: key,
    children: keys.optional(),
  }),
  /** Its chair records it held (on `on`, the agencies that attended) and its outcome. */
  z.strictObject({
    ...base,
    do: z.literal('conference_outcome'),
    conference: key,
    agencies: z.array(z.enum(CONFERENCE_AGENCIES)).optional(),
    plan: z.enum(PLAN_OUTCOMES),
    category: z.enum(CP_CATEGORIES).optional(),
    coreGroup: keys.optional(),
    nextReview: date.optional(),
    outlinePlan: text().optional(),
    contingency: text().optional(),
  }),
  z.strictObject({ ...base, do: z.literal('challenge'), decision: key, view: text() }),
  z.strictObject({
    ...base,
    do: z.literal('meeting'),
    kind: z.enum(MEETING_KINDS),
    attendees: z.array(text(200)).optional(),
    summary: text().optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('visit'),
    child: key,
    seenAlone: z.boolean(),
    summary: text().optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('close_case'),
    reason: z.enum(CLOSURE_REASON_CODES),
    note: text(2000).optional(),
  }),
] as const;
