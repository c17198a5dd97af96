import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { asNotFound } from 'src/common/denial-audit';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { replay } from 'src/case-history/case-state';
import { TimelineService } from 'src/cases/timeline.service';
import {
  conflict,
  DomainError,
  notFound,
  preconditionFailed,
  validationFailed,
} from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, PageQueryDto } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { Clock, requireDateInRange } from 'src/common/clock';
import { compareDates } from 'src/common/working-days';
import {
  CreateRepresentationDto,
  LetterBeforeProceedingsDto,
  LetterResponse,
  RepresentationPage,
  RepresentationResponseDto,
  UpdateRepresentationDto,
} from './dto/representation.dto';
import { RepresentationRepository } from './representation.repository';
import { ProceedingsChecks } from 'src/proceedings/proceedings-checks.service';

/** Stages in which parents are offered representation (docs/domain.md). */
const REPRESENTATION_STAGES = ['child_protection', 'pre_proceedings'];
const KIND_LABEL = { advocate: 'an advocate', legal_representative: 'a legal representative' };

/**
 * Parental representation: an advocate or legal representative offered to each parent (an
 * adult of the case's family) on a case in child protection or pre-proceedings, with the
 * parent's answer; and the letter before proceedings when pre-proceedings start.
 */
@Injectable()
export class RepresentationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: RepresentationRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly history: CaseHistoryRepository,
    private readonly clock: Clock,
    private readonly proceedings: ProceedingsChecks,
  ) {}

  create(
    actor: Actor,
    caseId: string,
    dto: CreateRepresentationDto,
  ): Promise<RepresentationResponseDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'representation.record', caseId, {
        lock: 'share',
      });
      if (!REPRESENTATION_STAGES.includes(c.stage))
        throw conflict(
          'stage_not_allowed',
          `Representation is offered on a case in child protection or pre-proceedings; this case is in ${c.stage}`,
        );
      const today = this.clock.today();
      requireDateInRange('offeredOn', dto.offeredOn, today, null, '');
      if (dto.respondedOn)
        requireDateInRange('respondedOn', dto.respondedOn, today, dto.offeredOn, 'the offer');
      const parentId = dto.parentId.toLowerCase();
      if (!(await this.repo.isParentOnCase(m, caseId, parentId)))
        throw validationFailed('parentId', "must be an adult member of the case's family");
      const respondedOn = dto.response === 'pending' ? null : (dto.respondedOn ?? dto.offeredOn);
      if (dto.response === 'pending' && dto.respondedOn)
        throw validationFailed('respondedOn', 'only with an accepted or declined response');
      if (respondedOn && compareDates(respondedOn, dto.offeredOn) < 0)
        throw validationFailed('respondedOn', 'cannot be before the offer');
      const r = await this.repo.insert(m, {
        la: c.localAuthorityId,
        caseId,
        parentId,
        kind: dto.kind,
        organisation: dto.organisation.trim(),
        contact: dto.contact?.trim() || null,
        offeredOn: dto.offeredOn,
        response: dto.response,
        respondedOn,
        recordedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'representation_offered',
        summary:
          `${KIND_LABEL[dto.kind]} offered to a parent on ${dto.offeredOn} (${dto.response})`.replace(
            /^./,
            (ch) => ch.toUpperCase(),
          ),
        data: { representationId: r.id, parentId, kind: dto.kind, response: dto.response },
        recordType: 'parent_representation',
        recordId: r.id,
      });
      await this.audit.record(
        {
          action: 'representation.create',
          recordType: 'parent_representation',
          recordId: r.id,
          childIds: c.childIds,
          changes: {
            parentId: { before: null, after: parentId },
            kind: { before: null, after: dto.kind },
            organisation: { before: null, after: r.organisation },
            offeredOn: { before: null, after: dto.offeredOn },
            response: { before: null, after: dto.response },
          },
          metadata: { caseId },
        },
        m,
      );
      return r;
    });
  }

  /** The parent's answer to a pending offer (If-Match required). */
  respond(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateRepresentationDto,
  ): Promise<RepresentationResponseDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.repo.find(m, actorLa(actor), id, true);
      if (!r) throw notFound('Representation');
      let c;
      try {
        c = await this.access.requireCase(m, actor, 'representation.record', r.caseId, {
          lock: 'share',
        });
      } catch (err) {
        if (err instanceof DomainError && err.status === 404)
          throw asNotFound(err, 'Representation');
        throw err;
      }
      if (r.version !== version) throw preconditionFailed();
      if (r.response !== 'pending')
        throw conflict('already_answered', `The parent already ${r.response} this offer`);
      requireDateInRange(
        'respondedOn',
        dto.respondedOn,
        this.clock.today(),
        r.offeredOn,
        'the offer',
      );
      if (!(await this.repo.respond(m, id, version, dto.response, dto.respondedOn)))
        throw preconditionFailed();
      await this.timeline.append(m, {
        caseId: r.caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'representation_answered',
        summary: `The parent ${dto.response} ${KIND_LABEL[r.kind]} on ${dto.respondedOn}`,
        data: { representationId: id, response: dto.response },
        recordType: 'parent_representation',
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'representation.update',
          recordType: 'parent_representation',
          recordId: id,
          childIds: c.childIds,
          changes: {
            response: { before: 'pending', after: dto.response },
            respondedOn: { before: null, after: dto.respondedOn },
          },
          metadata: { caseId: r.caseId },
        },
        m,
      );
      return (await this.repo.find(m, c.localAuthorityId, id))!;
    });
  }

  async list(actor: Actor, caseId: string, q: PageQueryDto): Promise<RepresentationPage> {
    const c = await this.access.requireCase(this.ds.manager, actor, 'representation.read', caseId);
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const m = this.ds.manager;
    const page = await this.repo.list(
      m,
      c.localAuthorityId,
      caseId,
      q.limit ?? DEFAULT_PAGE_SIZE,
      after,
    );
    const letter = await this.repo.latestLetter(m, c.localAuthorityId, caseId);
    await this.audit.record({
      action: 'representation.list',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return { ...page, letterBeforeProceedings: letter };
  }

  /** The letter before proceedings of the current pre-proceedings episode (once). */
  recordLetter(
    actor: Actor,
    caseId: string,
    dto: LetterBeforeProceedingsDto,
  ): Promise<LetterResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'representation.record', caseId, {
        lock: 'share',
      });
      const state = replay(await this.history.load(m, c.localAuthorityId, caseId));
      if (c.stage !== 'pre_proceedings' || !state.preProceedings)
        throw conflict(
          'stage_not_allowed',
          `A letter before proceedings belongs to a case in pre-proceedings; this case is in ${c.stage}`,
        );
      const startedOn = state.preProceedings.startedAt;
      requireDateInRange(
        'sentOn',
        dto.sentOn,
        this.clock.today(),
        startedOn,
        'the pre-proceedings decision',
      );
      // s31ZA: the letter carries an FGDM offer to every person with PR, or an exemption.
      await this.proceedings.requireLetterCovered(m, c, dto.fgdmOfferIds ?? [], dto.exemptionId);
      const ok = await this.repo.insertLetter(m, {
        la: c.localAuthorityId,
        caseId,
        startedOn,
        sentOn: dto.sentOn,
        recordedById: actor.id,
        fgdmOfferIds: dto.fgdmOfferIds ?? [],
        fgdmExemptionId: dto.exemptionId ?? null,
      });
      if (!ok)
        throw conflict(
          'letter_already_recorded',
          'The letter before proceedings of this pre-proceedings episode is already recorded',
        );
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'letter_before_proceedings_sent',
        summary: `Letter before proceedings sent on ${dto.sentOn}`,
        data: { sentOn: dto.sentOn, preProceedingsStartedOn: startedOn },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'representation.letter',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
          changes: { letterBeforeProceedingsSentOn: { before: null, after: dto.sentOn } },
        },
        m,
      );
      return { sentOn: dto.sentOn, preProceedingsStartedOn: startedOn, recordedById: actor.id };
    });
  }
}
