import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgreementResponse } from './dto/family-network-plan.dto';
import type {
  FamilyNetworkPlanResponse,
  FamilyNetworkPlanVersionResponse,
} from './dto/family-network-plan.dto';
import { FamilyNetworkPlanRepository, FnpVersionRow } from './family-network-plan.repository';
import type { PlanContext } from 'src/sharing/plan-access.service';
import { requiredAgreements } from './plan-rules';
import { SharingRepository } from 'src/sharing/sharing.repository';

/**
 * What a Family Network Plan response shows. Staff see the current version (which may await
 * agreement: `currentVersion` after `agreedVersion`); a partner sees the version in force
 * (`agreedVersion`; the draft only while none has been agreed) and only versions up to it, with
 * no case id. The content is the same for both: children by name and date of birth, carers by
 * name, relationship and arrangement, the support package, agreements, reviews.
 */
@Injectable()
export class FnpViews {
  constructor(
    private readonly repo: FamilyNetworkPlanRepository,
    private readonly sharing: SharingRepository,
  ) {}

  async plan(m: EntityManager, c: PlanContext, id: string): Promise<FamilyNetworkPlanResponse> {
    const head = (await this.repo.head(m, c.localAuthorityId, id))!;
    const version = (await this.repo.version(m, id, shownVersion(c, head)))!;
    const agreements = await this.repo.agreements(m, id);
    const content = await this.version(m, c, version, agreements);
    const reviews = await this.repo.reviews(m, id);
    return {
      id: head.id,
      ...(c.viaShare ? {} : { caseId: head.caseId }),
      status: head.status,
      currentVersion: head.currentVersion,
      agreedVersion: head.agreedVersion,
      requiredAgreements: requiredAgreements(c.stage),
      nextReviewDate: head.nextReviewDate,
      draftedOn: head.draftedOn,
      ...content,
      reviews,
      activatedAt: head.activatedAt,
      endedAt: head.endedAt,
      version: head.version,
    };
  }

  async versions(
    m: EntityManager,
    c: PlanContext,
    id: string,
  ): Promise<FamilyNetworkPlanVersionResponse[]> {
    const agreements = await this.repo.agreements(m, id);
    const out: FamilyNetworkPlanVersionResponse[] = [];
    const head = (await this.repo.head(m, c.localAuthorityId, id))!;
    const last = shownVersion(c, head);
    for (const v of await this.repo.versions(m, id)) {
      if (v.number > last) continue;
      out.push(await this.version(m, c, v, agreements));
    }
    return out;
  }

  private async version(
    m: EntityManager,
    c: PlanContext,
    v: FnpVersionRow,
    agreements: AgreementResponse[],
  ): Promise<FamilyNetworkPlanVersionResponse> {
    const ids = v.carers.map((x) => x.networkMemberId);
    const members = await this.repo.networkMembers(m, c.localAuthorityId, c.caseId, ids);
    return {
      number: v.number,
      childIds: v.childIds,
      children: await this.sharing.children(m, c.localAuthorityId, v.childIds),
      carers: v.carers.map((x) => {
        const p = members.find((n) => n.id === x.networkMemberId);
        return {
          networkMemberId: x.networkMemberId,
          firstName: p?.firstName ?? '',
          lastName: p?.lastName ?? '',
          relationship: p?.relationship ?? '',
          arrangement: x.arrangement,
        };
      }),
      supportPackage: v.supportPackage,
      reviewDate: v.reviewDate,
      agreements: agreements.filter((a) => a.versionNumber === v.number),
      createdById: v.createdById,
      createdByName: v.createdByName,
      createdAt: v.createdAt,
    };
  }
}

/** The latest version the caller may see: a partner, the version in force (or the draft while
 * none has been agreed); staff, the current one. */
function shownVersion(
  c: PlanContext,
  head: { currentVersion: number; agreedVersion: number | null },
): number {
  return c.viaShare ? (head.agreedVersion ?? head.currentVersion) : head.currentVersion;
}
