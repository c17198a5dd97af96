/** The scenario format's front-door events (docs/front-door.md). */
import { z } from 'zod';
import { REFERRAL_SOURCE_CODES } from 'src/cases/cin-codes';
import { CONTACT_OUTCOMES, URGENCIES } from 'src/front-door/contact-rules';
import { base, key, keys, rationale, text } from './scenario-format-common';

/** The front door (docs/front-door.md): contacts about the case's children, their decision,
 * its authorisation and the feedback to the referrer. */
export const FRONT_DOOR_EVENT_SCHEMAS = [
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
