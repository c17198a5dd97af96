import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { Clock, requireDateInRange } from 'src/common/clock';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { validationFailed } from 'src/common/domain-error';
import {
  FgdmMeetingResponse,
  PartnerFgdmMeetingResponse,
  RecordFgdmMeetingDto,
} from './dto/fgdm.dto';
import { FgdmReadRow, FgdmRepository, FgdmRow } from './fgdm.repository';
import { PlanAccessService, PlanContext } from 'src/sharing/plan-access.service';
import { requireChildrenOfCase } from './plan-writes';
import { SharingRepository } from 'src/sharing/sharing.repository';

/** Family group decision-making meetings: recorded by the case's Family Help team or ECPP. */
@Injectable()
export class FgdmService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: PlanAccessService,
    private readonly repo: FgdmRepository,
    private readonly sharing: SharingRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, caseId: string, dto: RecordFgdmMeetingDto): Promise<FgdmMeetingResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'case' as const, id: caseId };
      const c = await this.access.require(m, actor, target, 'fgdm.record', {
        lock: true,
        open: true,
      });
      requireDateInRange('date', dto.date, this.clock.today(), c.referralDate, 'the referral');
      const childIds = dto.childIds ?? c.caseChildIds;
      requireChildrenOfCase('childIds', childIds, c.caseChildIds);
      const family = dto.attendees.familyMemberIds ?? [];
      const network = dto.attendees.networkMemberIds ?? [];
      const knownFamily = await this.repo.familyMemberIds(m, c.localAuthorityId, caseId, family);
      const unknownFamily = family.filter((id) => !knownFamily.includes(id));
      if (unknownFamily.length) {
        throw validationFailed(
          'attendees.familyMemberIds',
          `not members of the case's family: ${unknownFamily.join(', ')}`,
        );
      }
      const knownNetwork = await this.repo.networkMemberIds(m, c.localAuthorityId, caseId, network);
      const unknownNetwork = network.filter((id) => !knownNetwork.includes(id));
      if (unknownNetwork.length) {
        throw validationFailed(
          'attendees.networkMemberIds',
          `not in the family's network: ${unknownNetwork.join(', ')}`,
        );
      }
      const row = await this.repo.insert(m, c.localAuthorityId, {
        caseId,
        childIds,
        date: dto.date,
        coordinator: dto.coordinator,
        attendees: {
          familyMemberIds: family,
          networkMemberIds: network,
          professionals: (dto.attendees.professionals ?? []).map((p) => ({
            name: p.name,
            role: p.role,
          })),
        },
        familyPlan: dto.familyPlan || null,
        familyPlanItems: (dto.familyPlanItems ?? []).map((i) => ({ ...i })),
        recordedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'fgdm_meeting_recorded',
        summary: `Family group decision-making meeting held on ${dto.date}`,
        data: { meetingId: row.id, date: dto.date, childIds },
        recordType: 'fgdm_meeting',
        recordId: row.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'fgdm_meeting.record',
          recordType: 'fgdm_meeting',
          recordId: row.id,
          childIds,
          changes: diffFields({}, row, [
            'date',
            'coordinator',
            'attendees',
            'familyPlan',
            'familyPlanItems',
          ]),
          metadata: { caseId },
        },
        m,
      );
      return this.staffView(m, c, row);
    });
  }

  list(actor: Actor, caseId: string): Promise<FgdmMeetingResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(m, actor, { type: 'case', id: caseId }, 'plan.read');
      const rows = await this.repo.listForCase(m, c.localAuthorityId, caseId);
      await this.audit.record(
        { action: 'fgdm_meeting.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      const out: FgdmMeetingResponse[] = [];
      for (const r of rows) out.push(await this.staffView(m, c, r));
      return out;
    });
  }

  get(actor: Actor, id: string): Promise<FgdmMeetingResponse | PartnerFgdmMeetingResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(m, actor, { type: 'fgdm_meeting', id }, 'plan.read');
      const row = (await this.repo.find(m, c.localAuthorityId, id)) as FgdmReadRow;
      await this.audit.record(
        {
          action: 'fgdm_meeting.read',
          recordType: 'fgdm_meeting',
          recordId: id,
          childIds: row.childIds,
          metadata: c.viaShare ? { viaShare: true } : null,
        },
        m,
      );
      return c.viaShare ? this.partnerView(m, c, row) : this.staffView(m, c, row);
    });
  }

  private async staffView(
    m: EntityManager,
    c: PlanContext,
    r: FgdmReadRow,
  ): Promise<FgdmMeetingResponse> {
    const { familyMembers, networkMembers, ...row } = r;
    return {
      ...row,
      attendees: { ...row.attendees, familyMembers, networkMembers },
      children: await this.sharing.children(m, c.localAuthorityId, r.childIds),
    };
  }

  /** The meeting's own content; family and network attendees as counts only. */
  private async partnerView(
    m: EntityManager,
    c: PlanContext,
    r: FgdmRow,
  ): Promise<PartnerFgdmMeetingResponse> {
    return {
      id: r.id,
      recordType: 'fgdm_meeting',
      children: await this.sharing.children(m, c.localAuthorityId, r.childIds),
      date: r.date,
      coordinator: r.coordinator,
      familyAttendeeCount: r.attendees.familyMemberIds.length,
      networkAttendeeCount: r.attendees.networkMemberIds.length,
      professionals: r.attendees.professionals,
      familyPlan: r.familyPlan,
      familyPlanItems: r.familyPlanItems,
    };
  }
}
