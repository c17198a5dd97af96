import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, validationFailed } from 'src/common/domain-error';
import type { ReferDto, ReferralResponseDto, UpdateReferralDto } from './dto/fgdm-duty.dto';
import { FgdmDutyRepository, ReferralRow } from './fgdm-duty.repository';
import { requireChildren } from './fgdm-duty.service';
import { FGDM_REFERRAL } from './record-kinds';

/** The referral's way forward: referred → preparing → meeting_held → family_plan_agreed, and
 * closed from any open step. */
const NEXT: Record<string, readonly string[]> = {
  referred: ['preparing', 'closed'],
  preparing: ['meeting_held', 'closed'],
  meeting_held: ['family_plan_agreed', 'closed'],
  family_plan_agreed: [],
  closed: [],
};

/**
 * FGDM referrals (docs/before-proceedings.md): made by the case's staff to an
 * `fgdm_coordinator`, who reads only their own referrals (the family's and network's names and
 * the summary written for the family) and moves them on.
 */
@Injectable()
export class FgdmReferralService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: FgdmDutyRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  refer(actor: Actor, caseId: string, dto: ReferDto): Promise<ReferralResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'fgdm.record', caseId, {
        lock: 'share',
        open: true,
      });
      const la = c.localAuthorityId;
      requireChildren('childIds', dto.childIds, c);
      if (!(await this.repo.userHasRole(m, la, dto.coordinatorId, 'fgdm_coordinator')))
        throw validationFailed('coordinatorId', 'not an FGDM coordinator of this local authority');
      const id = await this.repo.insertReferral(m, la, {
        caseId,
        coordinatorId: dto.coordinatorId,
        childIds: dto.childIds,
        summaryForFamily: dto.summaryForFamily,
        by: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'fgdm_referral_made',
        summary: 'Family referred to an FGDM coordinator',
        data: { childIds: dto.childIds, coordinatorId: dto.coordinatorId },
        recordType: FGDM_REFERRAL.name,
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'fgdm_referral.make',
          recordType: FGDM_REFERRAL.name,
          recordId: id,
          childIds: dto.childIds,
          metadata: { caseId, coordinatorId: dto.coordinatorId },
        },
        m,
      );
      return this.referralView(m, la, (await this.repo.findReferral(m, la, id))!);
    });
  }

  /** One referral: its coordinator, or a reader of the case; anyone else 404. Audited. */
  async getReferral(actor: Actor, id: string): Promise<ReferralResponseDto> {
    const m = this.ds.manager;
    const c = await this.access.requireRecordById(m, actor, 'fgdm_referral.read', {
      kind: FGDM_REFERRAL,
      id,
    });
    const r = (await this.repo.findReferral(m, c.localAuthorityId, id))!;
    await this.audit.record({
      action: 'fgdm_referral.read',
      recordType: FGDM_REFERRAL.name,
      recordId: id,
      childIds: r.childIds,
    });
    return this.referralView(m, c.localAuthorityId, r);
  }

  /** The referrals made to the caller (an FGDM coordinator). */
  async mine(actor: Actor): Promise<{ data: ReferralResponseDto[]; nextCursor: null }> {
    const m = this.ds.manager;
    const la = actor.localAuthorityId!;
    const rows = await this.repo.referralsOfCoordinator(m, la, actor.id);
    const data: ReferralResponseDto[] = [];
    for (const r of rows) data.push(await this.referralView(m, la, r));
    await this.audit.record({
      action: 'fgdm_referral.list',
      recordType: 'user',
      recordId: actor.id,
      childIds: rows.flatMap((r) => r.childIds),
    });
    return { data, nextCursor: null };
  }

  updateReferral(actor: Actor, id: string, dto: UpdateReferralDto): Promise<ReferralResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'fgdm_referral.update',
        { kind: FGDM_REFERRAL, id },
        { lock: 'share', open: true },
      );
      const la = c.localAuthorityId;
      const r = (await this.repo.findReferral(m, la, id))!;
      if (!NEXT[r.status].includes(dto.status))
        throw conflict(
          'referral_status_not_allowed',
          `A referral ${r.status.replace(/_/g, ' ')} cannot become ${dto.status.replace(/_/g, ' ')}`,
        );
      if (!(await this.repo.setReferralStatus(m, la, id, r.status, dto.status)))
        throw conflict('referral_changed', 'The referral changed meanwhile; fetch it again');
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: la,
        type: 'fgdm_referral_updated',
        summary: `FGDM referral: ${dto.status.replace(/_/g, ' ')}`,
        data: { referralId: id, status: dto.status },
        recordType: FGDM_REFERRAL.name,
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'fgdm_referral.update',
          recordType: FGDM_REFERRAL.name,
          recordId: id,
          childIds: r.childIds,
          changes: { status: { before: r.status, after: dto.status } },
        },
        m,
      );
      return this.referralView(m, la, { ...r, status: dto.status });
    });
  }

  private async referralView(
    m: EntityManager,
    la: string,
    r: ReferralRow,
  ): Promise<ReferralResponseDto> {
    const names = await this.repo.namesForReferral(m, la, r.caseId);
    return {
      id: r.id,
      status: r.status,
      coordinatorId: r.coordinatorId,
      summaryForFamily: r.summaryForFamily,
      family: { name: names.familyName, members: names.members, network: names.network },
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }
}
