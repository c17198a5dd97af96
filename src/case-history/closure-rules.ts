/**
 * Closing a case (its authority and what blocks it): pure rules over the replayed case state.
 * A case cannot close while the child-protection process it holds is unfinished; a refusal
 * names every reason at once, the first one being the refusal's code.
 */
import type { CareProceedingsOrder, CaseState } from './case-types';

/** Why a case cannot close now, in the order they are reported. */
export const CLOSURE_BLOCKERS = [
  'concern_open',
  's47_open',
  'plan_active',
  'proceedings_open',
] as const;
export type ClosureBlocker = (typeof CLOSURE_BLOCKERS)[number];

export interface ClosureBlock {
  code: ClosureBlocker;
  detail: string;
}

/**
 * Every reason the case in `state` cannot close (empty: it may close). A closed case is not
 * judged here (`case_closed` comes first, from the caller).
 * - `concern_open`: a concern of significant harm is undecided (no s47 decision ended it);
 * - `s47_open`: a section 47 enquiry is active;
 * - `plan_active`: a child is on a child protection plan or a Child Community Safety Plan;
 * - `proceedings_open`: the case is in pre-proceedings or care proceedings.
 */
export function closureBlockers(state: CaseState): ClosureBlock[] {
  const out: ClosureBlock[] = [];
  if (state.openConcernIds.length > 0) {
    out.push({
      code: 'concern_open',
      detail: `${state.openConcernIds.length} concern(s) of significant harm still open`,
    });
  }
  if (state.s47.active) {
    out.push({
      code: 's47_open',
      detail: `a section 47 enquiry is open (started ${state.s47.startedAt ?? 'unknown'})`,
    });
  }
  const onCp = Object.keys(state.cpPlans);
  const onSafety = Object.keys(state.safetyPlans);
  if (onCp.length > 0 || onSafety.length > 0) {
    const parts = [
      onCp.length ? `on a child protection plan: ${onCp.join(', ')}` : '',
      onSafety.length ? `on a community safety plan: ${onSafety.join(', ')}` : '',
    ].filter(Boolean);
    out.push({ code: 'plan_active', detail: parts.join('; ') });
  }
  if (state.stage === 'pre_proceedings' || state.stage === 'care_proceedings') {
    out.push({ code: 'proceedings_open', detail: `the case is in ${state.stage}` });
  }
  return out;
}

/** Closure reasons that stand for an order made in care proceedings (CIN census RC3, RC4). */
export const CLOSURE_REASON_ORDERS: Readonly<Record<string, CareProceedingsOrder>> = Object.freeze({
  RC3: 'child_arrangements_order',
  RC4: 'special_guardianship_order',
});

/** A live `conclude_care_proceedings` of the case: the children it named and the orders made. */
export interface ConcludedOrders {
  childIds: readonly string[];
  orders: readonly string[];
}

/**
 * The children of the case for whom closure `reason` is not borne out: RC3 (child arrangements
 * order) and RC4 (special guardianship order) need concluded care proceedings that made that
 * order for every child of the case; other reasons need nothing (empty).
 */
export function childrenWithoutOrder(
  reason: string,
  caseChildIds: readonly string[],
  concluded: readonly ConcludedOrders[],
): string[] {
  const order = CLOSURE_REASON_ORDERS[reason];
  if (!order) return [];
  const covered = new Set(
    concluded.filter((d) => d.orders.includes(order)).flatMap((d) => d.childIds),
  );
  return caseChildIds.filter((id) => !covered.has(id));
}
