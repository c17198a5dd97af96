/** The scenario format's plan events: FGDM meetings, Family Network Plans, Child Community
 * Safety Plans and partner shares (`src/plans`, `src/sharing`). */
import { z } from 'zod';
import { AGENCIES } from 'src/access/roles';
import {
  ACTION_STATUSES as SAFETY_ACTION_STATUSES,
  AGREEMENT_ROLES,
  HARM_TYPES,
  LAWFUL_BASES,
} from 'src/plans/plan-rules';
import { base, date, key, keys, rationale, text } from './scenario-format-common';

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

/** FGDM meetings, Family Network Plans, Child Community Safety Plans and partner shares
 * (`src/plans`). `plan`, `action` and `record` are refs of the events that created them. */
export const PLAN_EVENT_SCHEMAS = [
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
