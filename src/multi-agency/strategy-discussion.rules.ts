/**
 * Strategy discussions, as plain rules over plain data (no Nest, no database): their states,
 * which transition each state allows, who must have taken part, and whether a discussion can
 * be cited by a section 47 enquiry. Refusals are `{ ok: false, code, detail }` (409).
 */
import { FORUM_AGENCIES } from 'src/common/forum-agencies';

export const DISCUSSION_STATUSES = ['scheduled', 'held', 'concluded', 'cancelled'] as const;
export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number];

export const DISCUSSION_FORMATS = ['meeting', 'call'] as const;
export type DiscussionFormat = (typeof DISCUSSION_FORMATS)[number];

/** Agencies that take part in multi-agency work (users carry the first seven). */
/** The agencies of a strategy discussion: the forums' shared list. */
export const MULTI_AGENCIES = FORUM_AGENCIES;
export type MultiAgency = (typeof MULTI_AGENCIES)[number];

/** Social care, police and health take part in every strategy discussion (statutory). */
export const CORE_AGENCIES: readonly MultiAgency[] = ['social_care', 'police', 'health'];

export const S47_OUTCOMES = ['none', 'single_agency', 'joint_with_police'] as const;
export type S47Outcome = (typeof S47_OUTCOMES)[number];

export const IMMEDIATE_PROTECTION = [
  'none',
  'police_protection',
  'epo_application',
  'agreed_safety_plan',
] as const;
export type ImmediateProtection = (typeof IMMEDIATE_PROTECTION)[number];

export type Invitee =
  | { userId: string; agency: MultiAgency | null }
  | { name: string; agency: MultiAgency; organisation: string | null };
export interface Participant {
  userId: string | null;
  name: string | null;
  agency: MultiAgency;
  attended: boolean;
}
export interface Contribution {
  agency: MultiAgency;
  summary: string;
  /** Who contributed (a MACPT member or the ECPP), when added after scheduling. */
  userId?: string;
}

/** Contributions are added while the discussion is scheduled or held (not once concluded). */
export function checkContribute(status: DiscussionStatus): Result {
  if (status === 'scheduled' || status === 'held') return ok(true);
  return no(
    'discussion_closed',
    `contributions are added before the discussion concludes (it is ${status})`,
  );
}
export type ParentsInformed = { by: string; on: string } | { deferredReason: string };
export interface Dissent {
  agency: MultiAgency;
  view: string;
}

export type Result<T = true> = { ok: true; value: T } | { ok: false; code: string; detail: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const no = (code: string, detail: string): Result<never> => ({ ok: false, code, detail });

/** `'a','b'` for a CHECK constraint. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(',');
}

/** Recording it held: only a scheduled discussion. */
export function checkHold(status: DiscussionStatus): Result {
  if (status === 'scheduled') return ok(true);
  if (status === 'cancelled')
    return no('discussion_cancelled', 'a cancelled strategy discussion cannot be held');
  return no('already_held', 'this strategy discussion has already been recorded as held');
}

/** Cancelling: only before it is held (what was held stays on the record). */
export function checkCancel(status: DiscussionStatus): Result {
  if (status === 'scheduled') return ok(true);
  if (status === 'cancelled')
    return no('discussion_cancelled', 'this strategy discussion is already cancelled');
  return no('already_held', 'a strategy discussion that was held cannot be cancelled');
}

/**
 * Concluding: once, on a held discussion; afterwards only a correction that supersedes the
 * current outcome (`supersedesId`).
 */
export function checkConclude(
  status: DiscussionStatus,
  currentOutcomeId: string | null,
  supersedesId: string | null,
): Result {
  if (status === 'scheduled')
    return no('discussion_not_held', 'record the strategy discussion as held before its outcome');
  if (status === 'cancelled')
    return no('discussion_cancelled', 'a cancelled strategy discussion has no outcome');
  if (currentOutcomeId === null) {
    return supersedesId === null
      ? ok(true)
      : no('nothing_to_supersede', 'this strategy discussion has no outcome to correct yet');
  }
  if (supersedesId === null)
    return no(
      'already_concluded',
      `this strategy discussion is concluded; correct its outcome with supersedesId ${currentOutcomeId}`,
    );
  if (supersedesId !== currentOutcomeId)
    return no(
      'not_current_outcome',
      `only the current outcome (${currentOutcomeId}) can be superseded`,
    );
  return ok(true);
}

/** The core agencies (social care, police, health) that neither attended nor contributed. */
export function missingCoreAgencies(
  participants: readonly Participant[],
  contributions: readonly Contribution[],
): MultiAgency[] {
  const present = new Set<string>([
    ...participants.filter((p) => p.attended).map((p) => p.agency),
    ...contributions.map((c) => c.agency),
  ]);
  return CORE_AGENCIES.filter((a) => !present.has(a));
}

/** What a s47 enquiry needs to know of the discussion it cites. */
export interface CitedDiscussion {
  status: DiscussionStatus;
  childIds: readonly string[];
  heldOn: string | null;
  s47: S47Outcome | null;
  missingAgencies: readonly MultiAgency[];
}

/**
 * A section 47 enquiry for `childIds` cites `d` (or records `overrideReason`): the discussion is
 * concluded with an outcome that is a s47 enquiry, covers the children, and social care, police
 * and health took part — or the ECPP records why not (the override). Returns the date the
 * initial conference clock starts from (the discussion's `heldOn`).
 */
export function checkS47Citation(
  d: CitedDiscussion | null,
  childIds: readonly string[],
  overrideReason: string | null,
): Result<{ heldOn: string | null }> {
  if (!d) {
    return overrideReason
      ? ok({ heldOn: null })
      : no(
          'strategy_discussion_required',
          'a section 47 enquiry cites its strategy discussion (strategyDiscussionId), or records overrideReason when none could be held',
        );
  }
  if (d.status !== 'concluded' || d.heldOn === null)
    return no(
      'strategy_discussion_required',
      'the strategy discussion cited has not concluded: record its outcome first',
    );
  if (d.s47 === 'none' || d.s47 === null)
    return no(
      'strategy_discussion_required',
      "the strategy discussion's outcome is not a section 47 enquiry",
    );
  const outside = childIds.filter((id) => !d.childIds.includes(id));
  if (outside.length)
    return no(
      'strategy_discussion_required',
      `the strategy discussion was not about these children: ${outside.join(', ')}`,
    );
  if (d.missingAgencies.length && !overrideReason)
    return no(
      'strategy_discussion_required',
      `${d.missingAgencies.join(', ')} neither took part in nor contributed to the strategy discussion: record overrideReason`,
    );
  return ok({ heldOn: d.heldOn });
}
