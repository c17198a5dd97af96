/**
 * The scenario file format (YAML in `seeds/scenarios/`), as a zod schema: the shape only.
 * Cross-references (a user's team, an event's case, a decision it supersedes) and date order
 * are checked in `scenario-parser.ts`; what the domain allows is checked by the services
 * themselves when the scenario loads. Reference: docs/scenarios.md.
 */
import { z } from 'zod';
import {
  AGENCIES,
  LA_ROLES,
  MACPT_AGENCIES,
  PROFESSIONS,
  STATUTORY_ROLES,
  TEAM_KINDS,
} from 'src/access/roles';
import { GATEWAYS, UK_GDPR_CONDITIONS } from 'src/multi-agency/information-request.rules';
import {
  DISCUSSION_FORMATS,
  IMMEDIATE_PROTECTION,
  MULTI_AGENCIES,
  S47_OUTCOMES,
} from 'src/multi-agency/strategy-discussion.rules';
import { MEETING_KINDS } from 'src/activities/case-meeting.entity';
import { ASSESSMENT_OUTCOMES } from 'src/assessments/assessment.entity';
import { CP_CATEGORIES, DECISION_TYPES } from 'src/case-history/case-types';
import {
  CENSUS_SEX_CODES,
  CLOSURE_REASON_CODES,
  ETHNICITY_CODES,
  REFERRAL_SOURCE_CODES,
} from 'src/cases/cin-codes';
import { ACTION_STATUSES } from 'src/cases/plan/family-help-plan-action.entity';
import { PERSON_KINDS } from 'src/families/person.entity';
import { CONTACT_OUTCOMES, URGENCIES } from 'src/front-door/contact-rules';
import {
  ACTION_STATUSES as SAFETY_ACTION_STATUSES,
  AGREEMENT_ROLES,
  HARM_TYPES,
  LAWFUL_BASES,
} from 'src/plans/plan-rules';
import { DATE_HELP, isScenarioDate } from './scenario-dates';
import {
  CONFERENCE_AGENCIES,
  CONFERENCE_TYPES,
  PLAN_OUTCOMES,
} from 'src/conferences/conference-rules';

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a key is lower-case letters, digits and dashes');
const text = (max = 10000) =>
  z.string().trim().min(1, 'must not be blank').max(max, `at most ${max} characters`);
const date = z.string().refine(isScenarioDate, { message: `not a date: ${DATE_HELP}` });
const keys = z.array(key).min(1);

const member = z.strictObject({
  key,
  kind: z.enum(PERSON_KINDS),
  firstName: text(100),
  lastName: text(100),
  dateOfBirth: date.optional(),
  sex: z.enum(CENSUS_SEX_CODES).optional(),
  gender: text(50).optional(),
  ethnicity: z.enum(ETHNICITY_CODES).optional(),
  language: text(100).optional(),
  /** Relationship to each child of the family, by the child's key. */
  relationships: z.record(key, text(100)).optional(),
});

const networkMember = z.strictObject({
  key,
  firstName: text(100),
  lastName: text(100),
  relationship: text(100),
  dateOfBirth: date.optional(),
  contact: z
    .strictObject({
      phone: text(50).optional(),
      email: z.email().optional(),
      address: text(500).optional(),
      notes: text(2000).optional(),
    })
    .optional(),
});

/** Every event: when it happened, who did it (a user key), and an optional name (`ref`). */
const base = { on: date, by: key, ref: key.optional(), case: key };

const planAction = z.strictObject({
  description: text(2000),
  owner: key.optional(),
  ownerName: text(200).optional(),
  due: date.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
});

const supportPackage = z.strictObject({
  /** Pence a week, as the API takes it. */
  weeklyAllowance: z.int().min(0).optional(),
  oneOffCosts: z
    .array(z.strictObject({ description: text(500), amount: z.int().min(0) }))
    .optional(),
  practicalSupport: text(5000).optional(),
  legalSupport: text(5000).optional(),
  kinshipLeaveSupport: text(5000).optional(),
});
const carers = z.array(z.strictObject({ member: key, arrangement: text(2000) })).min(1);
const rationale = z.string().min(20, 'a rationale is at least 20 characters').max(20000);

/** FGDM meetings, Family Network Plans, Child Community Safety Plans and partner shares
 * (`src/plans`). `plan`, `action` and `record` are refs of the events that created them. */
const PLAN_EVENT_SCHEMAS = [
  z.strictObject({
    ...base,
    do: z.literal('fgdm_meeting'),
    coordinator: text(200),
    children: keys.optional(),
    attendees: z.strictObject({
      family: z.array(key).optional(),
      network: z.array(key).optional(),
      professionals: z.array(z.strictObject({ name: text(200), role: text(200) })).optional(),
    }),
    familyPlan: text(20000).optional(),
    familyPlanItems: z
      .array(
        z.strictObject({
          description: text(2000),
          who: text(200).optional(),
          when: text(200).optional(),
        }),
      )
      .optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('family_network_plan'),
    children: keys.optional(),
    carers,
    supportPackage,
    reviewDate: date,
  }),
  z.strictObject({
    ...base,
    do: z.literal('change_family_network_plan'),
    plan: key,
    children: keys.optional(),
    carers: carers.optional(),
    supportPackage: supportPackage.optional(),
    reviewDate: date.optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('agree_family_network_plan'),
    plan: key,
    as: z.enum(AGREEMENT_ROLES).optional(),
  }),
  z.strictObject({ ...base, do: z.literal('activate_family_network_plan'), plan: key }),
  z.strictObject({
    ...base,
    do: z.literal('review_family_network_plan'),
    plan: key,
    summary: text(),
    nextReview: date,
  }),
  z.strictObject({
    ...base,
    do: z.literal('end_family_network_plan'),
    plan: key,
    reason: text(2000),
  }),
  z.strictObject({
    ...base,
    do: z.literal('start_community_safety_plan'),
    child: key,
    harmTypes: z.array(z.enum(HARM_TYPES)).min(1),
    contexts: z.array(text(500)),
    personsOfConcern: z
      .array(z.strictObject({ name: text(200), description: text(2000).optional() }))
      .optional(),
    reviewDate: date,
    rationale,
  }),
  z.strictObject({
    ...base,
    do: z.literal('safety_plan_action'),
    plan: key,
    agency: z.enum(AGENCIES),
    description: text(2000),
    due: date,
    owner: key.optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('update_safety_plan_action'),
    action: key,
    status: z.enum(SAFETY_ACTION_STATUSES),
  }),
  z.strictObject({
    ...base,
    do: z.literal('review_community_safety_plan'),
    plan: key,
    summary: text(),
    nextReview: date,
  }),
  z.strictObject({
    ...base,
    do: z.literal('end_community_safety_plan'),
    plan: key,
    rationale,
  }),
  z.strictObject({
    ...base,
    do: z.literal('share'),
    record: key,
    with: key,
    lawfulBasis: z.enum(LAWFUL_BASES),
    what: text(500).optional(),
  }),
  z.strictObject({ ...base, do: z.literal('end_share'), record: key, with: key }),
] as const;

const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time is HH:MM (UTC)');

/** Multi-agency child protection (`src/multi-agency`, docs/multi-agency.md). `discussion` and
 * `request` are refs of the events that created them; people are user keys. */
const MULTI_AGENCY_EVENT_SCHEMAS = [
  z.strictObject({
    ...base,
    do: z.literal('strategy_discussion_request'),
    children: keys.optional(),
    reason: text(5000),
  }),
  z.strictObject({
    ...base,
    do: z.literal('strategy_discussion'),
    children: keys.optional(),
    /** Refs of `concern` events. */
    concerns: keys,
    /** The day it takes place (default `on`, the day it is booked) and the time (UTC). */
    for: date.optional(),
    at: time.optional(),
    format: z.enum(DISCUSSION_FORMATS),
    invitees: z.array(key).optional(),
    request: key.optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('hold_strategy_discussion'),
    discussion: key,
    participants: z
      .array(
        z.strictObject({
          user: key.optional(),
          name: text(200).optional(),
          agency: z.enum(MULTI_AGENCIES),
          attended: z.boolean(),
        }),
      )
      .min(1),
    contributions: z
      .array(z.strictObject({ agency: z.enum(MULTI_AGENCIES), summary: text() }))
      .optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('conclude_strategy_discussion'),
    discussion: key,
    s47: z.enum(S47_OUTCOMES),
    immediateProtection: z.enum(IMMEDIATE_PROTECTION),
    medical: z.boolean(),
    abeInterview: z.boolean(),
    parentsInformedBy: text(200).optional(),
    parentsNotYetInformed: text(2000).optional(),
    rationale,
  }),
  z.strictObject({
    ...base,
    do: z.literal('information_request'),
    discussion: key.optional(),
    to: key.optional(),
    agency: z.enum(AGENCIES).optional(),
    questions: z.array(text(2000)).min(1),
    gateway: z.enum(GATEWAYS),
    ukGdprCondition: z.enum(UK_GDPR_CONDITIONS),
    /** Due (date, at 17:00 UTC); default: the discussion's start. */
    due: date.optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('answer_request'),
    request: key,
    text: text(20000).optional(),
    nothingKnown: z.boolean().optional(),
  }),
  z.strictObject({ ...base, do: z.literal('decline_request'), request: key, reason: rationale }),
] as const;

/** The front door (docs/front-door.md): contacts about the case's children, their decision,
 * its authorisation and the feedback to the referrer. */
const FRONT_DOOR_EVENT_SCHEMAS = [
  z.strictObject({
    ...base,
    do: z.literal('contact'),
    /** A caller from outside Tandem, keyed in by front-door staff; omitted when `by` is the
     * partner raising it. */
    referrer: z
      .strictObject({
        name: text(200),
        relationship: text(100),
        organisation: text(200).optional(),
      })
      .optional(),
    source: z.enum(REFERRAL_SOURCE_CODES),
    children: keys.optional(),
    concern: text(),
    urgency: z.enum(URGENCIES),
    /** Why the family is not told (default: they are). */
    notInformedReason: text(2000).optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('contact_decision'),
    contact: key,
    outcome: z.enum(CONTACT_OUTCOMES),
    rationale,
    /** Name the case on the decision (a Family Help assessment adds the referral to it). */
    onCase: z.boolean().optional(),
  }),
  z.strictObject({ ...base, do: z.literal('contact_authorisation'), contact: key }),
  z.strictObject({ ...base, do: z.literal('contact_feedback'), contact: key, summary: text(5000) }),
] as const;

export const EVENT_SCHEMAS = [
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
  ...PLAN_EVENT_SCHEMAS,
  ...MULTI_AGENCY_EVENT_SCHEMAS,
  ...FRONT_DOOR_EVENT_SCHEMAS,
] as const;

export const EVENT_KINDS = EVENT_SCHEMAS.map((s) => s.shape.do.value);

export const scenarioSchema = z.strictObject({
  title: text(200),
  brief: z.strictObject({
    summary: text(2000),
    learningGoals: z.array(text(500)).min(1),
    /** Who logs in as whom: a user key and what the trainee does as them. */
    logins: z.array(z.strictObject({ user: key, as: text(500) })).min(1),
  }),
  localAuthority: z.strictObject({
    name: text(200),
    visitIntervalWorkingDays: z.int().min(1).max(60).optional(),
    coreGroupIntervalWeeks: z.int().min(1).max(26).optional(),
  }),
  teams: z.array(z.strictObject({ key, name: text(200), kind: z.enum(TEAM_KINDS) })).min(1),
  users: z
    .array(
      z.strictObject({
        key,
        name: text(200),
        roles: z.array(z.enum(LA_ROLES)).min(1),
        agency: z.enum(AGENCIES).optional(),
        teams: z
          .array(
            z.strictObject({
              team: key,
              profession: z.enum(PROFESSIONS),
              /** MACPT membership (a child_protection team). */
              agency: z.enum(MACPT_AGENCIES).optional(),
              statutoryRole: z.enum(STATUTORY_ROLES).optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
  families: z
    .array(
      z.strictObject({
        key,
        name: text(200).optional(),
        members: z.array(member).min(1),
        network: z.array(networkMember).optional(),
      }),
    )
    .min(1),
  events: z.array(z.discriminatedUnion('do', EVENT_SCHEMAS)).min(1),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];
export type EventOf<K extends ScenarioEvent['do']> = Extract<ScenarioEvent, { do: K }>;
