/** The scenario format's multi-agency events: strategy discussions and information requests. */
import { z } from 'zod';
import { AGENCIES } from 'src/access/roles';
import { GATEWAYS, UK_GDPR_CONDITIONS } from 'src/multi-agency/information-request.rules';
import {
  DISCUSSION_FORMATS,
  IMMEDIATE_PROTECTION,
  MULTI_AGENCIES,
  S47_OUTCOMES,
} from 'src/multi-agency/strategy-discussion.rules';
import { base, date, key, keys, rationale, text } from './scenario-format-common';

const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time is HH:MM (UTC)');

/** Multi-agency child protection (`src/multi-agency`, docs/multi-agency.md). `discussion` and
 * `request` are refs of the events that created them; people are user keys. */
export const MULTI_AGENCY_EVENT_SCHEMAS = [
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
