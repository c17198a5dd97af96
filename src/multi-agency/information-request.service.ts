import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, CaseContext } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, validationFailed } from 'src/common/domain-error';
import {
  AnswerDto,
  DeclineDto,
  InformationRequestResponse,
  SendInformationRequestDto,
} from './dto/information-request.dto';
import { InformationRequestReadService } from './information-request-read.service';
import { InformationRequestRecords } from './information-request-records';
import { checkResponse, Response } from './information-request.rules';
import { InformationRequestRepository } from './information-request.repository';
import { INFORMATION_REQUEST, STRATEGY_DISCUSSION } from './record-kinds';
import { StrategyDiscussionRepository } from './strategy-discussion.repository';

const KIND = INFORMATION_REQUEST;

/**
 * Information requests (docs/multi-agency.md): sent by the co-working ECPP or a cp_manager from
 * a strategy discussion or on a case in child protection, to a partner or MACPT member or to an
 * agency's members; answered, "nothing known", declined with a reason, or withdrawn. The
 * addressee sees the request only. Each step, its timeline entry (and event) and its audit row
 * (with the children's ids) are one transaction. The reads: InformationRequestReadService.
 */
@Injectable()
export class InformationRequestService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: InformationRequestRepository,
    private readonly discussions: StrategyDiscussionRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly records: InformationRequestRecords,
    private readonly reads: InformationRequestReadService,
  ) {}

  sendFromDiscussion(
    actor: Actor,
    discussionId: string,
    dto: SendInformationRequestDto,
  ): Promise<InformationRequestResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'information_request.send',
        { kind: STRATEGY_DISCUSSION, id: discussionId },
        { lock: 'share' },
      );
      if (c.stage === 'closed')
        throw conflict('case_closed', 'The case is closed and read-only; reopen it first');
      const d = (await this.discussions.find(m, c.localAuthorityId, discussionId))!;
      if (d.status === 'cancelled' || d.status === 'concluded')
        throw conflict('discussion_closed', `the strategy discussion is ${d.status}`);
      const childIds = dto.childIds ?? d.childIds;
      outside('childIds', childIds, d.childIds, 'children of the strategy discussion');
      return this.send(m, actor, c, dto, childIds, dto.dueAt ?? d.scheduledFor, discussionId);
    });
  }

  sendOnCase(
    actor: Actor,
    caseId: string,
    dto: SendInformationRequestDto,
  ): Promise<InformationRequestResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'information_request.send', caseId, {
        lock: 'share',
        open: true,
      });
      if (c.stage !== 'child_protection')
        throw conflict(
          'not_in_child_protection',
          'a request outside a strategy discussion is sent on a case in child protection',
        );
      if (!dto.dueAt) throw validationFailed('dueAt', 'give the time the answer is due');
      const childIds = dto.childIds ?? c.childIds;
      outside('childIds', childIds, c.childIds, 'children of this case');
      return this.send(m, actor, c, dto, childIds, dto.dueAt, null);
    });
  }

  private async send(
    m: EntityManager,
    actor: Actor,
    c: CaseContext,
    dto: SendInformationRequestDto,
    childIds: string[],
    dueAt: string,
    discussionId: string | null,
  ): Promise<InformationRequestResponse> {
    const la = c.localAuthorityId;
    if ((dto.recipientUserId === undefined) === (dto.recipientAgency === undefined))
      throw validationFailed('recipientUserId', 'give either recipientUserId or recipientAgency');
    if (dto.recipientUserId && !(await this.repo.addressee(m, la, dto.recipientUserId)))
      throw validationFailed(
        'recipientUserId',
        'not an active partner or MACPT member of your local authority',
      );
    const id = await this.repo.insert(m, la, {
      caseId: c.id,
      discussionId,
      childIds,
      recipientUserId: dto.recipientUserId ?? null,
      recipientAgency: dto.recipientAgency ?? null,
      questions: dto.questions,
      address: dto.address ?? null,
      gateway: dto.gateway,
      ukGdprCondition: dto.ukGdprCondition,
      dueAt: new Date(dueAt).toISOString(),
      sentById: actor.id,
    });
    const sent = (await this.repo.find(m, la, id))!;
    await this.records.outbound(m, la, sent);
    const to = dto.recipientAgency ? `the ${dto.recipientAgency} agency` : 'a named professional';
    await this.write(m, c, actor, id, childIds, {
      type: 'information_request_sent',
      action: 'information_request.send',
      summary: `Information request sent to ${to} (${dto.gateway}), due ${new Date(dueAt).toISOString()}`,
      data: {
        requestId: id,
        childIds,
        discussionId,
        recipientAgency: dto.recipientAgency ?? null,
        recipientUserId: dto.recipientUserId ?? null,
        gateway: dto.gateway,
        ukGdprCondition: dto.ukGdprCondition,
        dueAt: new Date(dueAt).toISOString(),
      },
      changes: diffFields({}, { ...dto, dueAt, childIds }, [
        'recipientUserId',
        'recipientAgency',
        'childIds',
        'questions',
        'address',
        'gateway',
        'ukGdprCondition',
        'dueAt',
      ]),
    });
    return this.reads.view(m, la, sent, true);
  }

  acknowledge(actor: Actor, id: string) {
    return this.respond(actor, id, 'acknowledge', async (m, la) => {
      await this.repo.respond(m, la, id, { kind: 'acknowledge' });
      return {
        type: 'information_request_acknowledged',
        summary: 'Information request acknowledged',
        changes: {},
      };
    });
  }

  answer(actor: Actor, id: string, dto: AnswerDto) {
    return this.respond(actor, id, 'answer', async (m, la) => {
      const nothingKnown = dto.nothingKnown === true;
      if (!nothingKnown && !dto.text)
        throw validationFailed('text', 'give the answer, or nothingKnown: true');
      await this.repo.respond(m, la, id, {
        kind: 'answer',
        by: actor.id,
        text: dto.text ?? null,
        nothingKnown,
      });
      const what = nothingKnown
        ? 'Answer to an information request: nothing known'
        : 'Answer to an information request';
      await this.records.inbound(m, la, (await this.repo.find(m, la, id))!, actor.id, what);
      return {
        type: 'information_request_answered',
        summary: nothingKnown
          ? 'Information request answered: nothing known'
          : 'Information request answered',
        extra: { nothingKnown },
        changes: diffFields({}, { text: dto.text ?? null, nothingKnown }, ['text', 'nothingKnown']),
      };
    });
  }

  decline(actor: Actor, id: string, dto: DeclineDto) {
    return this.respond(actor, id, 'decline', async (m, la) => {
      await this.repo.respond(m, la, id, { kind: 'decline', by: actor.id, reason: dto.reason });
      return {
        type: 'information_request_declined',
        summary: `Information request declined: ${dto.reason}`,
        changes: diffFields({}, { reason: dto.reason }, ['reason']),
      };
    });
  }

  withdraw(actor: Actor, id: string) {
    return this.respond(actor, id, 'withdraw', async (m, la) => {
      await this.repo.respond(m, la, id, { kind: 'withdraw' });
      return {
        type: 'information_request_withdrawn',
        summary: 'Information request withdrawn',
        changes: {},
      };
    });
  }

  private respond(
    actor: Actor,
    id: string,
    response: Response,
    apply: (
      m: EntityManager,
      la: string,
    ) => Promise<{
      type: string;
      summary: string;
      extra?: Record<string, unknown>;
      changes: ReturnType<typeof diffFields>;
    }>,
  ): Promise<InformationRequestResponse> {
    return this.ds.transaction(async (m) => {
      const permission =
        response === 'withdraw' ? 'information_request.send' : 'information_request.respond';
      const c = await this.access.requireRecordById(
        m,
        actor,
        permission,
        { kind: KIND, id },
        { lock: 'update' },
      );
      const la = c.localAuthorityId;
      const before = (await this.repo.find(m, la, id))!;
      const check = checkResponse(before.status, response);
      if (!check.ok) throw conflict(check.code, check.detail);
      const e = await apply(m, la);
      await this.write(m, c, actor, id, before.childIds, {
        type: e.type,
        action: `information_request.${response}`,
        summary: e.summary,
        data: {
          requestId: id,
          childIds: before.childIds,
          discussionId: before.discussionId,
          ...(e.extra ?? {}),
        },
        changes: e.changes,
      });
      return this.reads.view(m, la, (await this.repo.find(m, la, id))!, response === 'withdraw');
    });
  }

  private async write(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
    id: string,
    childIds: string[],
    e: {
      type: string;
      action: string;
      summary: string;
      data: Record<string, unknown>;
      changes: ReturnType<typeof diffFields>;
    },
  ) {
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: e.type,
      summary: e.summary,
      data: e.data,
      recordType: KIND.name,
      recordId: id,
      actor,
    });
    await this.audit.record(
      {
        action: e.action,
        recordType: KIND.name,
        recordId: id,
        childIds,
        changes: e.changes,
        metadata: { caseId: c.id },
      },
      m,
    );
  }
}

function outside(field: string, ids: readonly string[], allowed: readonly string[], what: string) {
  const bad = ids.filter((id) => !allowed.includes(id));
  if (bad.length) throw validationFailed(field, `not ${what}: ${bad.join(', ')}`);
}
