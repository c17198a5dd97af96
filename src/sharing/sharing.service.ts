import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { RECORD_KINDS, sharedKinds, type RecordKindDecl } from 'src/common/record-kind';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, notFound, validationFailed } from 'src/common/domain-error';
import { DEFAULT_PAGE_SIZE, Page, decodeCursor, toPage } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import {
  AddPartnerDto,
  InformationSharingQueryDto,
  PartnerSharedItemResponse,
  PartnerSharedQueryDto,
  SharingRecordResponse,
} from './dto/sharing.dto';
import type { SharedRecordType } from './information-sharing-record.entity';
import { PlanAccessService, PlanContext } from './plan-access.service';
import { SharingRepository, strip } from './sharing.repository';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function keyOf(cursor: string | undefined): { at: string; id: string } | null {
  const c = decodeCursor(cursor, 2);
  if (!c) return null;
  const [at, id] = c;
  if (typeof at !== 'string' || !CURSOR_AT.test(at) || typeof id !== 'string' || !UUID.test(id)) {
    throw validationFailed('cursor', 'cursor is not valid');
  }
  return { at, id };
}

/**
 * Sharing plans and meetings with partner agency users by name, and the information-sharing
 * records that every share and its end leave: on the case timeline, in the audit trail (with the
 * children, so the child access report shows them) and in `GET /information-sharing`.
 */
@Injectable()
export class SharingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: PlanAccessService,
    private readonly repo: SharingRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    @Inject(RECORD_KINDS) private readonly kinds: readonly RecordKindDecl[],
  ) {}

  /** The share block of a kind partners may be named on (its declaration). */
  private shareOf(recordType: SharedRecordType): { label: string; discloses: string } {
    const kind = sharedKinds(this.kinds).find((k) => k.name === recordType);
    if (!kind || kind.sharing === false) throw new Error(`${recordType} is not shared by name`);
    return kind.sharing;
  }

  share(
    actor: Actor,
    recordType: SharedRecordType,
    recordId: string,
    dto: AddPartnerDto,
  ): Promise<SharingRecordResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: recordType, id: recordId };
      const c = await this.access.require(m, actor, target, 'plan.share', {
        lock: true,
        open: true,
      });
      await this.requireNotEnded(m, c, recordType, recordId);
      const user = await this.repo.findUser(m, c.localAuthorityId, dto.userId);
      if (!user || !user.isPartner || !user.active || !user.agency) {
        throw validationFailed('userId', 'must be an active partner user of this local authority');
      }
      const record = await this.repo.insert(m, c.localAuthorityId, {
        caseId: c.caseId,
        recordType,
        recordId,
        childIds: c.childIds,
        what: dto.what ?? this.shareOf(recordType).discloses,
        withUserId: user.id,
        agency: user.agency,
        lawfulBasis: dto.lawfulBasis,
        sharedById: actor.id,
      });
      if (!record) throw conflict('already_shared', 'this record is already shared with that user');
      await this.timeline.append(m, {
        caseId: c.caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'record_shared',
        summary: `${this.shareOf(recordType).label} shared with a ${user.agency} partner (lawful basis: ${dto.lawfulBasis})`,
        data: {
          shareId: record.id,
          recordType,
          recordId,
          withUserId: user.id,
          agency: user.agency,
          lawfulBasis: dto.lawfulBasis,
        },
        recordType: 'information_sharing_record',
        recordId: record.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'information_sharing.share',
          recordType,
          recordId,
          childIds: c.childIds,
          metadata: {
            shareId: record.id,
            caseId: c.caseId,
            withUserId: user.id,
            agency: user.agency,
            lawfulBasis: dto.lawfulBasis,
            what: record.what,
          },
        },
        m,
      );
      return record;
    });
  }

  /** Ends the share at once: the partner's next request is a 404. */
  unshare(
    actor: Actor,
    recordType: SharedRecordType,
    recordId: string,
    userId: string,
  ): Promise<SharingRecordResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: recordType, id: recordId };
      const c = await this.access.require(m, actor, target, 'plan.share', { lock: true });
      const record = await this.repo.end(
        m,
        c.localAuthorityId,
        recordType,
        recordId,
        userId,
        actor.id,
      );
      if (!record) throw notFound('Share');
      await this.timeline.append(m, {
        caseId: c.caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'record_share_ended',
        summary: `${this.shareOf(recordType).label} no longer shared with a ${record.agency} partner`,
        data: {
          shareId: record.id,
          recordType,
          recordId,
          withUserId: userId,
          agency: record.agency,
        },
        recordType: 'information_sharing_record',
        recordId: record.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'information_sharing.end',
          recordType,
          recordId,
          childIds: record.childIds,
          metadata: {
            shareId: record.id,
            caseId: c.caseId,
            withUserId: userId,
            agency: record.agency,
          },
        },
        m,
      );
      return record;
    });
  }

  /** Every share of the record, active and ended (staff of the case). */
  partners(
    actor: Actor,
    recordType: SharedRecordType,
    recordId: string,
  ): Promise<SharingRecordResponse[]> {
    return this.ds.transaction(async (m) => {
      const target = { type: recordType, id: recordId };
      const c = await this.access.require(m, actor, target, 'plan.partners');
      return this.repo.forRecord(m, c.localAuthorityId, recordType, recordId);
    });
  }

  /** What is shared with the calling partner user right now, newest first. */
  async sharedWithMe(
    actor: Actor,
    q: PartnerSharedQueryDto,
  ): Promise<Page<PartnerSharedItemResponse>> {
    const la = actorLa(actor);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const m = this.ds.manager;
    const rows = await this.repo.sharedWith(
      m,
      la,
      actor.id,
      q.recordType ?? null,
      keyOf(q.cursor),
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => [r.cursorAt, r.id]);
    const childIds = [...new Set(page.data.flatMap((r) => r.childIds))];
    const children = await this.repo.children(m, la, childIds);
    await this.audit.record({
      action: 'partner.shared.read',
      recordType: 'information_sharing_record',
      childIds,
      metadata: { returned: page.data.length },
    });
    return {
      data: page.data.map((r) => ({
        recordType: r.recordType,
        recordId: r.recordId,
        what: r.what,
        lawfulBasis: r.lawfulBasis,
        sharedAt: r.at,
        status: r.status,
        children: children.filter((ch) => r.childIds.includes(ch.id)),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The information-sharing records: auditors see the LA's, managers their cases' (the
   * gate's `information_sharing.read` rule). */
  async list(actor: Actor, q: InformationSharingQueryDto): Promise<Page<SharingRecordResponse>> {
    const la = actorLa(actor);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const m = this.ds.manager;
    const filter = { childId: q.childId, caseId: q.caseId };
    const rows = await this.repo.list(m, la, actor, filter, keyOf(q.cursor), limit + 1);
    const page = toPage(rows, limit, (r) => [r.cursorAt, r.id]);
    await this.audit.record({
      action: 'information_sharing.read',
      recordType: 'information_sharing_record',
      metadata: {
        filters: {
          ...(q.childId ? { childId: q.childId } : {}),
          ...(q.caseId ? { caseId: q.caseId } : {}),
        },
        returned: page.data.length,
      },
    });
    return { data: page.data.map(strip), nextCursor: page.nextCursor };
  }

  private async requireNotEnded(
    m: EntityManager,
    c: PlanContext,
    type: SharedRecordType,
    id: string,
  ) {
    const status = await this.repo.recordStatus(m, c.localAuthorityId, type, id);
    if (status === 'ended') throw conflict('plan_ended', 'an ended plan is not shared');
  }
}
