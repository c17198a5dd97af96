import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { TimelineService } from 'src/cases/timeline.service';
import { CommunitySafetyPlanRepository, CspRow } from './community-safety-plan.repository';
import type { CommunitySafetyPlanResponse } from './dto/community-safety-plan.dto';
import type { PlanContext } from 'src/sharing/plan-access.service';
import { SharingRepository } from 'src/sharing/sharing.repository';

/** What a Child Community Safety Plan response shows. */
@Injectable()
export class CspViews {
  constructor(
    private readonly repo: CommunitySafetyPlanRepository,
    private readonly sharing: SharingRepository,
  ) {}

  /** The plan's own content; a partner's view has no case or decision ids (no rationale ever). */
  async plan(m: EntityManager, c: PlanContext, p: CspRow): Promise<CommunitySafetyPlanResponse> {
    const [child] = await this.sharing.children(m, c.localAuthorityId, [p.childId]);
    const { caseId, startDecisionId, endDecisionId, ...content } = p;
    return {
      ...content,
      ...(c.viaShare ? {} : { caseId, startDecisionId, endDecisionId }),
      child,
      actions: await this.repo.actions(m, p.id),
      reviews: await this.repo.reviews(m, p.id),
    };
  }
}

/** A safety-plan event on the case timeline. */
export function cspEvent(
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
    recordType: 'community_safety_plan',
    recordId: planId,
    actor,
  });
}
