/** The `family_network_plan_review` timescale inputs, for the timescales loader. */
import type { EntityManager } from 'typeorm';

export interface FnpReviewItem {
  planId: string;
  reviewDate: string;
  reviewedAt: string | null;
  /** The day this review became required: the previous review, or the day the plan was drafted. */
  since?: string;
}

/**
 * The review items of the plans of the cases `caseIdSql` selects (`$1` is the LA): every
 * review held (met on the day it was held, against the date it was due) and, for an agreed or
 * active plan, the next review due. `since` is the day the previous review was held (the
 * plan's `drafted_on` for its first), so a report as at an earlier day shows the review that was
 * then outstanding, and none before the plan was drafted.
 * Shared by the timescales loader and the case response, so both answer alike.
 */
export function fnpReviewItemsSql(caseIdSql: string): string {
  return `SELECT f.case_id AS "caseId", f.id AS "planId", r.due_date::text AS "reviewDate",
            r.reviewed_on::text AS "reviewedAt",
            COALESCE(LAG(r.reviewed_on) OVER (PARTITION BY f.id ORDER BY r.reviewed_on, r.recorded_at, r.id),
                     f.drafted_on)::text
              AS "since"
       FROM family_network_plan f JOIN family_network_plan_review r ON r.plan_id = f.id
      WHERE f.local_authority_id = $1 AND f.case_id ${caseIdSql}
     UNION ALL
     SELECT f.case_id, f.id, f.next_review_date::text, NULL,
            COALESCE((SELECT max(pr.reviewed_on) FROM family_network_plan_review pr
                       WHERE pr.plan_id = f.id), f.drafted_on)::text
       FROM family_network_plan f
      WHERE f.local_authority_id = $1 AND f.case_id ${caseIdSql}
        AND f.status IN ('agreed', 'active')`;
}

/** Drops a null `since` (a plan's first review). */
export function toFnpReviewItem(r: {
  planId: string;
  reviewDate: string;
  reviewedAt: string | null;
  since: string | null;
}): FnpReviewItem {
  return {
    planId: r.planId,
    reviewDate: r.reviewDate,
    reviewedAt: r.reviewedAt,
    ...(r.since ? { since: r.since } : {}),
  };
}

/** For each case, its plans' review items (`fnpReviewItemsSql`). */
export async function findFamilyNetworkPlanReviews(
  m: EntityManager,
  la: string,
  caseIds: readonly string[],
): Promise<Map<string, FnpReviewItem[]>> {
  const out = new Map<string, FnpReviewItem[]>();
  if (!caseIds.length) return out;
  const rows: (FnpReviewItem & { caseId: string; since: string | null })[] = await m.query(
    fnpReviewItemsSql('= ANY($2::uuid[])'),
    [la, caseIds],
  );
  for (const r of rows) {
    const list = out.get(r.caseId) ?? [];
    list.push(toFnpReviewItem(r));
    out.set(r.caseId, list);
  }
  return out;
}
