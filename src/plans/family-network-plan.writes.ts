import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { TimelineService } from 'src/cases/timeline.service';
import { preconditionFailed } from 'src/common/domain-error';
import type { FamilyNetworkPlanRepository, FnpHead } from './family-network-plan.repository';
import type { PlanContext } from 'src/sharing/plan-access.service';

/** A Family Network Plan event on the case timeline. */
export function fnpEvent(
  timeline: TimelineService,
  m: EntityManager,
  c: PlanContext,
  actor: Actor,
  planId: string,
  type: string,
  summary: string,
  data: Record<string, unknown>,
): Promise<void> {
  return timeline.append(m, {
    caseId: c.caseId,
    localAuthorityId: c.localAuthorityId,
    type,
    summary,
    data: { planId, ...data },
    recordType: 'family_network_plan',
    recordId: planId,
    actor,
  });
}

/** Saves the plan row if it is still at the version read (else 412). */
export async function saveHead(
  repo: FamilyNetworkPlanRepository,
  m: EntityManager,
  c: PlanContext,
  head: FnpHead,
  set: Parameters<FamilyNetworkPlanRepository['update']>[4],
): Promise<void> {
  if (!(await repo.update(m, c.localAuthorityId, head.id, head.version, set))) {
    throw preconditionFailed();
  }
}
