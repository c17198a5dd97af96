import { DecisionRepository } from './decision.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { Page, decodeCursor, toPage, DEFAULT_PAGE_SIZE } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { AccessService } from 'src/access/access.service';
import { DECISION_LABELS } from './decision-labels';
import {
  DecisionRequestQueryDto,
  DecisionRequestResponse,
  RequestDecisionDto,
} from './dto/decision-request.dto';

/** Family Help asks for a decision (with its view); the co-working ECPP answers it. */
@Injectable()
export class DecisionRequestService {
  constructor(
    private readonly repo: DecisionRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  create(actor: Actor, caseId: string, dto: RequestDecisionDto): Promise<DecisionRequestResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.request', caseId, {
        lock: 'update',
        open: true,
      });
      const request = await this.repo.insertRequest(m, {
        caseId,
        la: c.localAuthorityId,
        type: dto.type,
        view: dto.view,
        requestedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'decision_requested',
        summary: `Decision requested: ${DECISION_LABELS[dto.type]}`,
        data: { requestId: request.id, decisionType: dto.type },
        recordType: 'decision_request',
        recordId: request.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'decision_request.create',
          recordType: 'decision_request',
          recordId: request.id,
          childIds: c.childIds,
          changes: diffFields({}, dto, ['type', 'view']),
          metadata: { caseId },
        },
        m,
      );
      return request;
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<DecisionRequestResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.read', caseId);
      const rows = await this.repo.findCaseRequests(m, c.localAuthorityId, caseId);
      await this.audit.record(
        {
          action: 'decision_request.read',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
        },
        m,
      );
      return rows;
    });
  }

  /** The calling ECPP's queue: requests on the cases they currently co-work. */
  async listForEcpp(
    actor: Actor,
    query: DecisionRequestQueryDto,
  ): Promise<Page<DecisionRequestResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const rows = await this.repo.findRequestsForEcpp(
      this.ds.manager,
      actorLa(actor),
      actor.id,
      query.status ?? 'open',
      limit,
      after,
    );
    const page = toPage(rows, limit, (r) => [r.cursorAt, r.request.id]);
    return { data: page.data.map((r) => r.request), nextCursor: page.nextCursor };
  }
}
