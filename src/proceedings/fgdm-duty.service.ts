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
} from './dto/fgdm-duty.dto';
import { FgdmDutyRepository, OfferRow } from './fgdm-duty.repository';
import { offerStatus, offerTimesOutAfter } from './fgdm-duty.rules';
import { FGDM_EXEMPTION, FGDM_OFFER } from './record-kinds';

export function requireChildren(field: string, childIds: string[], c: CaseContext): void {
  const outside = childIds.filter((id) => !c.childIds.includes(id));
  if (outside.length)
    throw validationFailed(field, `not children of this case: ${outside.join(', ')}`);
}

/**
 * The FGDM duty's records (docs/before-proceedings.md): offers to each parent and person with
 * PR and their answers, and exemptions (authorised by a service_manager); referrals are
 * `FgdmReferralService`. Each write: the record, its timeline event and its audit row, one transaction.
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
}
