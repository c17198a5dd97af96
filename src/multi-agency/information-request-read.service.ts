import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { readsEveryCase } from 'src/access/predicates';
import { AuditService } from 'src/audit/audit.service';
import { DocumentService } from 'src/documents/document.service';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from 'src/common/pagination';
import { InboxQueryDto, InformationRequestResponse } from './dto/information-request.dto';
import { isOverdue } from './information-request.rules';
import { InformationRequestRepository, RequestRow } from './information-request.repository';
import { INFORMATION_REQUEST } from './record-kinds';

const KIND = INFORMATION_REQUEST;
/** Who answers requests (and so attaches documents to answers). */
const ADDRESSEE_ROLES = ['partner', 'macpt_member'] as const;

/**
 * Information requests read (docs/multi-agency.md): one request (each read audited, the
 * addressee's apart from staff's), the caller's inbox, and a request as its response, for the
 * writes (InformationRequestService) too. The addressee sees the request only.
 */
@Injectable()
export class InformationRequestReadService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: InformationRequestRepository,
    private readonly audit: AuditService,
    private readonly documents: DocumentService,
  ) {}

  get(actor: Actor, id: string): Promise<InformationRequestResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'information_request.read', {
        kind: KIND,
        id,
      });
      const r = (await this.repo.find(m, c.localAuthorityId, id))!;
      const staff = readsEveryCase().test(actor, {} as never);
      await this.audit.record(
        {
          action: 'information_request.read',
          recordType: KIND.name,
          recordId: id,
          childIds: r.childIds,
          metadata: staff ? { caseId: c.id } : { asAddressee: true },
        },
        m,
      );
      return this.view(m, c.localAuthorityId, r, staff);
    });
  }

  async inbox(actor: Actor, q: InboxQueryDto): Promise<Page<InformationRequestResponse>> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(q.cursor, 2);
    // Three reads and no write: no transaction (under READ COMMITTED one would give them no common
    // snapshot anyway, only two more round trips). A child or document added between them shows
    // on the next read, as with any page.
    const m = this.ds.manager;
    const la = actor.localAuthorityId as string;
    const rows = await this.repo.inbox(
      m,
      la,
      actor,
      { status: q.status, mine: q.mine === 'true' },
      cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : null,
      limit,
    );
    // The page's children and documents in one statement each, not two per request.
    const childIds = [...new Set(rows.flatMap((r) => r.childIds))];
    const children = childIds.length ? await this.repo.children(m, la, childIds) : [];
    const documents = await this.documents.attachedToEach(
      m,
      la,
      'information_request',
      rows.map((r) => ({ caseId: r.caseId, id: r.id, narrowed: r.staff !== true })),
      ADDRESSEE_ROLES,
    );
    const views = rows.map((r) => ({
      ...this.shape(
        r,
        r.staff === true,
        children.filter((c) => r.childIds.includes(c.id)),
        documents.get(r.id) ?? [],
      ),
      cursorAt: r.dueAt,
    }));
    const page = toPage(views, limit, (v) => [v.cursorAt, v.id]);
    return { ...page, data: page.data.map(({ cursorAt: _c, ...v }) => v) };
  }

  /** Staff see the whole request; the addressee the request only (no case, no discussion). */
  async view(
    m: EntityManager,
    la: string,
    r: RequestRow,
    staff: boolean,
  ): Promise<InformationRequestResponse> {
    return this.shape(
      r,
      staff,
      await this.repo.children(m, la, r.childIds),
      // The addressee sees what the answering side attached; staff every document on it.
      await this.documents.attachedTo(
        m,
        la,
        r.caseId,
        { type: 'information_request', id: r.id },
        staff ? null : ADDRESSEE_ROLES,
      ),
    );
  }

  /** The response of a request, given its children (in order) and its documents. */
  private shape(
    r: RequestRow,
    staff: boolean,
    children: InformationRequestResponse['children'],
    documents: InformationRequestResponse['documents'],
  ): InformationRequestResponse {
    const base: InformationRequestResponse = {
      id: r.id,
      status: r.status,
      overdue: isOverdue(r.status, r.dueAt, new Date()),
      children,
      address: r.address,
      questions: r.questions,
      dueAt: r.dueAt,
      gateway: r.gateway as InformationRequestResponse['gateway'],
      ukGdprCondition: r.ukGdprCondition as InformationRequestResponse['ukGdprCondition'],
      recipientUserId: r.recipientUserId,
      recipientName: r.recipientName,
      recipientAgency: r.recipientAgency,
      sentAt: r.sentAt,
      acknowledgedAt: r.acknowledgedAt,
      respondedAt: r.respondedAt,
      respondedById: r.respondedById,
      respondedByName: r.respondedByName,
      answerText: r.answerText,
      nothingKnown: r.nothingKnown,
      declineReason: r.declineReason,
      documents,
    };
    return staff
      ? {
          ...base,
          caseId: r.caseId,
          discussionId: r.discussionId,
          sentById: r.sentById,
          sentByName: r.sentByName,
        }
      : base;
  }
}
