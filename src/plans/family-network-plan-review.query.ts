/** The `family_network_plan_review` timescale inputs, for the timescales loader. */
import type { EntityManager } from 'typeorm';

export interface FnpReviewItem {
  planId: string;
  reviewDate: string;
  reviewedAt: string | null;
}

/**
 * For each case: every review held (met on the day it was held, against the date it was due)
 * and, for an agreed or active plan, the next review due.
 */
export async function findFamilyNetworkPlanReviews(
  m: EntityManager,
  la: string,
  caseIds: readonly string[],
): Promise<Map<string, FnpReviewItem[]>> {
  const out = new Map<string, FnpReviewItem[]>();
  if (!caseIds.length) return out;
  const rows: (FnpReviewItem & { caseId: string })[] = await m.query(
    `SELECT f.case_id AS "caseId", f.id AS "planId", r.due_date::text AS "reviewDate",
            r.reviewed_on::text AS "reviewedAt"
       FROM family_network_plan f JOIN family_network_plan_review r ON r.plan_id = f.id
      WHERE f.local_authority_id = $1 AND f.case_id = ANY($2::uuid[])
     UNION ALL
     SELECT f.case_id, f.id, f.next_review_date::text, NULL
       FROM family_network_plan f
      WHERE f.local_authority_id = $1 AND f.case_id = ANY($2::uuid[])
        AND f.status IN ('agreed', 'active')`,
    [la, caseIds],
  );
  for (const r of rows) {
    const list = out.get(r.caseId) ?? [];
    list.push({ planId: r.planId, reviewDate: r.reviewDate, reviewedAt: r.reviewedAt });
    out.set(r.caseId, list);
  }
  return out;
}
