import { Injectable } from '@nestjs/common';
import type { ServerResponse as Response } from 'node:http';
import type { Actor } from 'src/access/actor';
import { notFound, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { AuditFilter, AuditKey, AuditQueryRepository, AuditRow } from './audit-query.repository';
import { AuditService } from './audit.service';
import { auditWindow, windowInverted } from './audit-window';
import { csvRow } from './csv';
import {
  AccessReportQueryDto,
  AuditFilterDto,
  ExportAuditEventsQueryDto,
  ListAuditEventsQueryDto,
  SecurityEventsQueryDto,
} from './dto/audit-query.dto';
import type {
  AccessReportResponse,
  AuditEventResponse,
  SecurityEventResponse,
} from './dto/audit-event.response';

/** Largest CSV export; narrow it with from/to. Announced in X-Export-Row-Limit. */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_BATCH = 1000;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const CSV_COLUMNS = [
  'id',
  'at',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'recordType',
  'recordId',
  'childIds',
  'outcome',
  'requestId',
  'ip',
  'reason',
  'changes',
  'metadata',
] as const;

/** Backpressure: wait until the socket takes more, or the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function filterOf(q: AuditFilterDto): AuditFilter {
  const window = auditWindow(q.from, q.to);
  if (windowInverted(window)) throw validationFailed('from', 'from must not be after to');
  return {
    recordId: q.recordId,
    caseId: q.caseId,
    childId: q.childId,
    actorId: q.actorId,
    action: q.action,
    privileged: q.privileged,
    ...window,
  };
}

/** Only the filters given, for the audit row that records this read. */
function given(f: AuditFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

function keyOf(cursor: string | undefined): AuditKey | null {
  const c = decodeCursor(cursor, 2);
  if (!c) return null;
  const [at, id] = c;
  if (
    typeof at !== 'string' ||
    !CURSOR_AT.test(at) ||
    typeof id !== 'string' ||
    !/^\d{1,18}$/.test(id)
  ) {
    throw validationFailed('cursor', 'cursor is not valid');
  }
  return { at, id };
}

function toEvent(r: AuditRow): AuditEventResponse {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorType: r.actorType,
    action: r.action,
    recordType: r.recordType,
    recordId: r.recordId,
    childIds: r.childIds,
    outcome: r.outcome,
    requestId: r.requestId,
    ip: r.ip,
    changes: r.changes,
    reason: r.reason,
    metadata: r.metadata,
  };
}

/**
 * The auditor's views of the trail, always of the auditor's own local authority. Every view is
 * itself audited: `audit.read` for the list and the access report, `audit.export` for CSV.
 */
@Injectable()
export class AuditViewsService {
  constructor(
    private readonly repo: AuditQueryRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, q: ListAuditEventsQueryDto): Promise<Page<AuditEventResponse>> {
    const la = actorLa(actor);
    const filter = filterOf(q);
    const order = q.order ?? 'desc';
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repo.events(la, filter, order, keyOf(q.cursor), limit + 1);
    const page = toPage(rows, limit, (r) => [r.at, r.id]);
    await this.audit.record({
      action: 'audit.read',
      recordType: 'audit_event',
      metadata: { view: 'events', filters: given(filter), order, returned: page.data.length },
    });
    return { data: page.data.map(toEvent), nextCursor: page.nextCursor };
  }

  /** Platform admins: security events of every LA and of none (unknown accounts, forged or
   * expired tokens, throttled sign-ins). The read is itself audited. */
  async securityEvents(q: SecurityEventsQueryDto): Promise<Page<SecurityEventResponse>> {
    const filter = filterOf(q);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repo.securityEvents(filter, keyOf(q.cursor), limit + 1);
    const page = toPage(rows, limit, (r) => [r.at, r.id]);
    await this.audit.record({
      action: 'security_event.read',
      recordType: 'audit_event',
      metadata: { filters: given(filter), returned: page.data.length },
    });
    return {
      data: page.data.map((r) => ({ ...toEvent(r), localAuthorityId: r.localAuthorityId })),
      nextCursor: page.nextCursor,
    };
  }

  async accessReport(
    actor: Actor,
    personId: string,
    q: AccessReportQueryDto,
  ): Promise<AccessReportResponse> {
    const la = actorLa(actor);
    const window = filterOf(q);
    if (!(await this.repo.personInLa(la, personId))) throw notFound('Person');
    const filter: AuditFilter = {
      from: window.from,
      to: window.to,
      before: window.before,
      childId: personId,
    };
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const [accessors, rows] = await Promise.all([
      this.repo.accessors(la, filter),
      this.repo.events(la, filter, 'desc', keyOf(q.cursor), limit + 1, true),
    ]);
    const page = toPage(rows, limit, (r) => [r.at, r.id]);
    await this.audit.record({
      action: 'audit.read',
      recordType: 'person',
      recordId: personId,
      metadata: { view: 'access_report', filters: given(window), returned: page.data.length },
    });
    return {
      personId,
      accessors: accessors.map((a) => ({ ...a, actorRoles: a.actorRoles ?? [] })),
      data: page.data.map((r) => ({
        id: r.id,
        at: r.at,
        actorType: r.actorType,
        actorId: r.actorId,
        actorName: r.actorName ?? null,
        actorRoles: r.actorRoles ?? [],
        action: r.action,
        recordType: r.recordType,
        recordId: r.recordId,
        outcome: r.outcome,
        requestId: r.requestId,
        ip: r.ip,
        reason: r.reason,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Streams the filtered trail as CSV in keyset batches (never the whole set in memory).
   * The export is audited before the first byte is sent. */
  async exportCsv(actor: Actor, q: ExportAuditEventsQueryDto, res: Response): Promise<void> {
    const la = actorLa(actor);
    const filter = filterOf(q);
    const order = q.order ?? 'asc';
    await this.audit.record({
      action: 'audit.export',
      recordType: 'audit_event',
      metadata: { format: 'csv', filters: given(filter), order, maxRows: EXPORT_MAX_ROWS },
    });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-events.csv"');
    res.setHeader('X-Export-Row-Limit', String(EXPORT_MAX_ROWS));
    res.write(csvRow([...CSV_COLUMNS]));
    let after: AuditKey | null = null;
    let sent = 0;
    try {
      while (sent < EXPORT_MAX_ROWS && !res.destroyed) {
        const batch = Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - sent);
        const rows = await this.repo.events(la, filter, order, after, batch, true);
        for (const r of rows) {
          const line = csvRow(
            CSV_COLUMNS.map((c) => (c === 'childIds' ? r.childIds.join(' ') : r[c])),
          );
          if (!res.write(line)) await drained(res);
        }
        sent += rows.length;
        if (rows.length < batch) break;
        after = { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id };
      }
      res.end();
    } catch (err) {
      // Headers are gone: cut the response so the client sees a broken download, not a short one.
      res.destroy(err as Error);
    }
  }
}
