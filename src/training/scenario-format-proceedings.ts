/** The scenario format's before-proceedings events (docs/before-proceedings.md): parental
 * responsibility, the legal gateway, FGDM offers, exemptions and referrals, the letter before
 * proceedings and pre-proceedings meetings. `offer`, `exemption`, `referral` and `gateway` are
 * refs of the events that created them; `adult` and `to` are adults of the case's family;
 * `chair` and `coordinator` are user keys. The proceedings decisions themselves are `decision`
 * events (`scenario-format-cases.ts`). */
import { z } from 'zod';
import {
  EXEMPTION_SCOPES,
  OFFER_CHANNELS,
  OFFER_RESPONSES,
  REFERRAL_STATUSES,
} from 'src/proceedings/fgdm-duty.entity';
import {
  GATEWAY_DECISIONS,
  PRE_PROCEEDINGS_MEETING_KINDS,
} from 'src/proceedings/legal-gateway.entity';
import { PR_BASES } from 'src/proceedings/parental-responsibility.entity';
import { base, key, keys, rationale, text } from './scenario-format-common';

export const PROCEEDINGS_EVENT_SCHEMAS = [
  /** An adult's whole parental-responsibility record (a new version each time). */
  z.strictObject({
    ...base,
    do: z.literal('parental_responsibility'),
    adult: key,
    children: z
      .array(
        z.strictObject({
          child: key,
          /** Default true. */
          hasPR: z.boolean().optional(),
          basis: z.enum(PR_BASES).optional(),
        }),
      )
      .min(1),
  }),
  z.strictObject({
    ...base,
    do: z.literal('legal_gateway'),
    chair: key,
    legalAdviser: text(200),
    decision: z.enum(GATEWAY_DECISIONS),
    rationale,
  }),
  z.strictObject({
    ...base,
    do: z.literal('fgdm_offer'),
    to: key,
    children: keys.optional(),
    channel: z.enum(OFFER_CHANNELS),
  }),
  z.strictObject({
    ...base,
    do: z.literal('answer_fgdm_offer'),
    offer: key,
    response: z.enum(OFFER_RESPONSES),
  }),
  z.strictObject({
    ...base,
    do: z.literal('fgdm_exemption'),
    children: keys.optional(),
    scope: z.enum(EXEMPTION_SCOPES),
    reason: z.string().trim().min(50, 'a reason is at least 50 characters').max(5000),
  }),
  z.strictObject({ ...base, do: z.literal('authorise_fgdm_exemption'), exemption: key }),
  z.strictObject({
    ...base,
    do: z.literal('fgdm_referral'),
    coordinator: key,
    children: keys.optional(),
    summaryForFamily: text(5000),
  }),
  z.strictObject({
    ...base,
    do: z.literal('update_fgdm_referral'),
    referral: key,
    status: z.enum(REFERRAL_STATUSES),
  }),
  z.strictObject({
    ...base,
    do: z.literal('letter_before_proceedings'),
    offers: keys.optional(),
    exemption: key.optional(),
  }),
  z.strictObject({
    ...base,
    do: z.literal('pre_proceedings_meeting'),
    kind: z.enum(PRE_PROCEEDINGS_MEETING_KINDS),
    attendees: z.array(text(200)).min(1),
    parentsRepresented: z.boolean(),
  }),
] as const;
