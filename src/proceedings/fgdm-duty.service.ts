import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService, CaseContext } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, validationFailed } from 'src/common/domain-error';
import type {
  AnswerOfferDto,
  ExemptionResponseDto,
  MakeOfferDto,
  OfferResponseDto,
  ProposeExemptionDto,
  ReferDto,
  ReferralResponseDto,
  UpdateReferralDto,
} from './dto/fgdm-duty.dto';
import { FgdmDutyRepository, OfferRow, ReferralRow } from './fgdm-duty.repository';
import { offerStatus, offerTimesOutAfter } from './fgdm-duty.rules';
import { FGDM_EXEMPTION, FGDM_OFFER, FGDM_REFERRAL } from './record-kinds';

/** The referral's way forward: referred → preparing → meeting_held → family_plan_agreed, and
 * closed from any open step. */
const NEXT: Record<string, readonly string[]> = {
  referred: ['preparing', 'closed'],
  preparing: ['meeting_held', 'closed'],
  meeting_held: ['family_plan_agreed', 'closed'],
  family_plan_agreed: [],
  closed: [],
};

export function requireChildren(field: string, childIds: string[], c: CaseContext): void {
  const outside = childIds.filter((id) => !c.childIds.includes(id));
  if (outside.length)
    throw validationFailed(field, `not children of this case: ${outside.join(', ')}`);
}

/**
 * The FGDM duty's records (docs/before-proceedings.md): offers to each parent and person with
 * PR and their answers, exemptions (authorised by a service_manager), and referrals to an FGDM
 * coordinator. Each write: the record, its timeline event and its audit row, one transaction.
 */
@Injectable()
export class FgdmDutyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: FgdmDutyRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  makeOffer(actor: Actor, caseId: string, dto: MakeOfferDto): Promise<OfferResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'fgdm.record', caseId, {
        lock: 'share',
        open: true,
      });
      const la = c.localAuthorityId;
      requireChildren('childIds', dto.childIds, c);
      if (!(await this.repo.adultsOfCase(m, la, caseId, [dto.offeredTo])).length)
        throw validationFailed('offeredTo', "not an adult of the case's family");
      requireDateInRange(
        'offeredOn',
        dto.offeredOn,
        this.clock.today(),
        c.referralDate,
        'the referral',
      );
      const id = await this.repo.insertOffer(m, la, {
        caseId,
        childIds: dto.childIds,
        offeredToId: dto.offeredTo,
        offeredOn: dto.offeredOn,
        channel: dto.channel,
        recordedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'fgdm_offer_made',
        summary: `FGDM meeting offered on ${dto.offeredOn} (${dto.channel.replace(/_/g, ' ')})`,
        data: { childIds: dto.childIds, offeredToId: dto.offeredTo, offeredOn: dto.offeredOn },
        recordType: FGDM_OFFER.name,
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'fgdm_offer.make',
          recordType: FGDM_OFFER.name,
          recordId: id,
          childIds: dto.childIds,
          metadata: { caseId, offeredToId: dto.offeredTo, channel: dto.channel },
        },
        m,
      );
      return this.offerView(m, la, id);
    });
  }

  answerOffer(actor: Actor, id: string, dto: AnswerOfferDto): Promise<OfferResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'fgdm.record',
        { kind: FGDM_OFFER, id },
        { lock: 'share', open: true },
      );
      const la = c.localAuthorityId;
      const o = (await this.repo.findOffer(m, la, id))!;
      requireDateInRange(
        'respondedOn',
        dto.respondedOn,
        this.clock.today(),
        o.offeredOn,
        'the offer',
      );
      if (!(await this.repo.answerOffer(m, la, id, dto.response, dto.respondedOn)))
        throw conflict('offer_already_answered', `The offer was answered on ${o.respondedOn}`);
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: la,
        type: 'fgdm_offer_answered',
        summary: `FGDM offer ${dto.response} on ${dto.respondedOn}`,
        data: { offerId: id, response: dto.response, respondedOn: dto.respondedOn },
        recordType: FGDM_OFFER.name,
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'fgdm_offer.answer',
          recordType: FGDM_OFFER.name,
          recordId: id,
          childIds: o.childIds,
          changes: { response: { before: null, after: dto.response } },
        },
        m,
      );
      return this.offerView(m, la, id);
    });
  }

  proposeExemption(
    actor: Actor,
    caseId: string,
    dto: ProposeExemptionDto,
  ): Promise<ExemptionResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'fgdm.record', caseId, {
        lock: 'share',
        open: true,
      });
      requireChildren('childIds', dto.childIds, c);
      const id = await this.repo.insertExemption(m, c.localAuthorityId, {
        caseId,
        childIds: dto.childIds,
        scope: dto.scope,
        reason: dto.reason,
        by: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'fgdm_exemption_proposed',
        summary: `Exemption from the FGDM ${dto.scope} proposed (awaiting a service manager)`,
        data: { childIds: dto.childIds, scope: dto.scope },
        recordType: FGDM_EXEMPTION.name,
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'fgdm_exemption.propose',
          recordType: FGDM_EXEMPTION.name,
          recordId: id,
          childIds: dto.childIds,
          metadata: { caseId, scope: dto.scope },
        },
        m,
      );
      return (await this.repo.findExemption(m, c.localAuthorityId, id)) as ExemptionResponseDto;
    });
  }

  authoriseExemption(actor: Actor, id: string): Promise<ExemptionResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'fgdm_exemption.authorise',
        { kind: FGDM_EXEMPTION, id },
        { lock: 'share', open: true },
      );
      const la = c.localAuthorityId;
      const e = (await this.repo.findExemption(m, la, id))!;
      if (e.proposedById === actor.id)
        throw conflict('same_person', 'The person who proposed an exemption does not authorise it');
      const today = this.clock.today();
      if (!(await this.repo.authoriseExemption(m, la, id, actor.id, today)))
        throw conflict('exemption_already_authorised', `Authorised on ${e.authorisedOn}`);
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: la,
        type: 'fgdm_exemption_authorised',
        summary: `Exemption from the FGDM ${e.scope} authorised by a service manager`,
        data: { exemptionId: id, childIds: e.childIds, scope: e.scope, authorisedOn: today },
        recordType: FGDM_EXEMPTION.name,
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'fgdm_exemption.authorise',
          recordType: FGDM_EXEMPTION.name,
          recordId: id,
          childIds: e.childIds,
          changes: { authorisedOn: { before: null, after: today } },
        },
        m,
      );
      return (await this.repo.findExemption(m, la, id)) as ExemptionResponseDto;
    });
  }

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

  async offerView(m: EntityManager, la: string, id: string): Promise<OfferResponseDto> {
    const o = (await this.repo.findOffer(m, la, id)) as OfferRow;
    return this.toOfferView(o, (await this.repo.settings(m, la)).offerWorkingDays);
  }

  toOfferView(o: OfferRow, workingDays: number): OfferResponseDto {
    const today = this.clock.today();
    return {
      id: o.id,
      caseId: o.caseId,
      childIds: o.childIds,
      offeredToId: o.offeredToId,
      offeredOn: o.offeredOn,
      channel: o.channel as OfferResponseDto['channel'],
      response: o.response,
      respondedOn: o.respondedOn,
      status: offerStatus(o, today, workingDays),
      answerBy: offerTimesOutAfter(o, workingDays),
    };
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
