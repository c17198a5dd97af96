import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { replay } from 'src/case-history/case-state';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, validationFailed } from 'src/common/domain-error';
import type {
  LegalGatewayDto,
  LegalGatewayResponse,
  PreProceedingsMeetingDto,
  PreProceedingsMeetingResponse,
} from './dto/meetings.dto';
import type { BeforeProceedingsResponse } from './dto/summary.dto';
import { FgdmDutyRepository } from './fgdm-duty.repository';
import { dutyGaps, offersMissing } from './fgdm-duty.rules';
import { FgdmDutyService } from './fgdm-duty.service';
import { LegalGatewayRepository } from './legal-gateway.repository';
import { ParentalResponsibilityRepository } from './parental-responsibility.repository';

/** Legal gateway and pre-proceedings meetings, and the case's before-proceedings summary
 * (docs/before-proceedings.md). */
@Injectable()
export class ProceedingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: LegalGatewayRepository,
    private readonly duty: FgdmDutyRepository,
    private readonly fgdm: FgdmDutyService,
    private readonly pr: ParentalResponsibilityRepository,
    private readonly history: CaseHistoryRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  recordGateway(actor: Actor, caseId: string, dto: LegalGatewayDto): Promise<LegalGatewayResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'proceedings.record', caseId, {
        lock: 'share',
        open: true,
      });
      const la = c.localAuthorityId;
      if (!(await this.duty.userHasRole(m, la, dto.chairId, 'service_manager')))
        throw validationFailed(
          'chairId',
          'a legal gateway meeting is chaired by a service manager of this local authority',
        );
      requireDateInRange('heldOn', dto.heldOn, this.clock.today(), c.referralDate, 'the referral');
      const g = await this.repo.insertGateway(m, la, { caseId, ...dto, recordedById: actor.id });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'legal_gateway_meeting_held',
        summary: `Legal gateway meeting held on ${dto.heldOn}: ${dto.decision.replace(/_/g, ' ')}`,
        data: {
          legalGatewayId: g.id,
          heldOn: dto.heldOn,
          decision: dto.decision,
          chairId: dto.chairId,
        },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'legal_gateway.record',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
          metadata: { legalGatewayId: g.id, decision: dto.decision },
        },
        m,
      );
      return g;
    });
  }

  recordMeeting(
    actor: Actor,
    caseId: string,
    dto: PreProceedingsMeetingDto,
  ): Promise<PreProceedingsMeetingResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'proceedings.record', caseId, {
        lock: 'share',
        open: true,
      });
      const la = c.localAuthorityId;
      const state = replay(await this.history.load(m, la, caseId));
      if (c.stage !== 'pre_proceedings' || !state.preProceedings)
        throw conflict(
          'stage_not_allowed',
          `A pre-proceedings meeting belongs to a case in pre-proceedings; this case is in ${c.stage}`,
        );
      requireDateInRange(
        'heldOn',
        dto.heldOn,
        this.clock.today(),
        state.preProceedings.startedAt,
        'the pre-proceedings decision',
      );
      const p = await this.repo.insertMeeting(m, la, { caseId, ...dto, recordedById: actor.id });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'pre_proceedings_meeting_held',
        summary: `Pre-proceedings meeting (${dto.kind}) held on ${dto.heldOn}`,
        data: {
          meetingId: p.id,
          kind: dto.kind,
          heldOn: dto.heldOn,
          parentsRepresented: dto.parentsRepresented,
        },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'pre_proceedings_meeting.record',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
          metadata: { meetingId: p.id, kind: dto.kind },
        },
        m,
      );
      return p;
    });
  }

  /** Everything before proceedings on one case, and where the FGDM duty stands today. */
  async summary(actor: Actor, caseId: string): Promise<BeforeProceedingsResponse> {
    const m = this.ds.manager;
    const c = await this.access.requireCase(m, actor, 'case.read', caseId);
    const la = c.localAuthorityId;
    const today = this.clock.today();
    const settings = await this.duty.settings(m, la);
    const offers = await this.duty.offersOfCase(m, la, caseId);
    const exemptions = await this.duty.exemptionsOfCase(m, la, caseId);
    const meetings = await this.duty.meetingsOfCase(m, la, caseId);
    const holders = await this.pr.holders(m, la, c.childIds);
    const referrals = await this.duty.referralsOfCase(m, la, caseId);
    await this.audit.record({
      action: 'before_proceedings.read',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return {
      caseId,
      prHolders: c.childIds.map((childId) => ({ childId, personIds: holders.get(childId) ?? [] })),
      offers: offers.map((o) => this.fgdm.toOfferView(o, settings.offerWorkingDays)),
      exemptions: exemptions.map((e) => ({
        id: e.id,
        caseId: e.caseId,
        childIds: e.childIds,
        scope: e.scope,
        reason: e.reason,
        proposedById: e.proposedById,
        authorisedById: e.authorisedById,
        authorisedOn: e.authorisedOn,
      })),
      referrals: referrals.map((r) => ({
        id: r.id,
        coordinatorId: r.coordinatorId,
        status: r.status,
      })),
      legalGatewayMeetings: await this.repo.gatewaysOfCase(m, la, caseId),
      preProceedingsMeetings: await this.repo.meetingsOfCase(m, la, caseId),
      duty: {
        offerResponseWorkingDays: settings.offerWorkingDays,
        offersMissing: offersMissing(c.childIds, holders, offers, exemptions),
        gaps: dutyGaps(
          c.childIds,
          holders,
          offers,
          exemptions,
          meetings,
          today,
          settings.offerWorkingDays,
        ),
      },
    };
  }
}
