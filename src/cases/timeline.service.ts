import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQueryDto, toPage } from 'src/common/pagination';
import { actorNameSql } from 'src/common/display-names';
import { currentContext } from 'src/common/request-context';
import { validationFailed } from 'src/common/domain-error';
import { eventsFromTimeline } from 'src/events/event-mapping';
import { EventOutbox } from 'src/events/event-outbox.service';

export interface TimelineEntry {
  caseId: string;
  localAuthorityId: string;
  /** e.g. 'case_created', 'lead_practitioner_changed', 'note_added', 'case_closed'. */
  type: string;
  /** One human-readable line; no more personal data than the case record itself holds. */
  summary: string;
  data?: Record<string, unknown> | null;
  recordType?: string | null;
  recordId?: string | null;
  /** Defaults to the request's actor; null for the system. */
  actor?: Actor | null;
}

export interface TimelineItem {
  id: string;
  at: string;
  type: string;
  actorId: string | null;
  actorType: 'user' | 'client' | 'system';
  actorName: string | null;
  summary: string;
  recordType: string | null;
  recordId: string | null;
  data: Record<string, unknown> | null;
}

interface TimelineRow extends TimelineItem {
  cursorAt: string;
}

/**
 * THE case timeline writer and reader. Every change it records also goes to the event outbox
 * (mapped and stripped to ids and codes by `eventsFromTimeline`). `append` is called with the transaction's
 * EntityManager, in the same transaction as the change it describes; `case_event` is
 * append-only (trigger). Callers check access before `list`.
 */
@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: EventOutbox,
  ) {}

  async append(manager: EntityManager, e: TimelineEntry): Promise<void> {
    const actor = e.actor === undefined ? (currentContext()?.actor ?? null) : e.actor;
    await manager.query(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary, data, record_type, record_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.caseId,
        e.localAuthorityId,
        e.type,
        actor?.id ?? null,
        actor?.kind ?? 'system',
        e.summary,
        e.data ? JSON.stringify(e.data) : null,
        e.recordType ?? null,
        e.recordId ?? null,
      ],
    );
    // The integration events this change announces, in the same transaction (the outbox).
    await this.outbox.write(manager, e.localAuthorityId, eventsFromTimeline(e));
  }

  /** Every event on the case, oldest first, keyset-paginated on (at, id). */
  async list(
    caseId: string,
    page: PageQueryDto,
    manager?: EntityManager,
  ): Promise<Page<TimelineItem>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(page.cursor, 2);
    const params: unknown[] = [caseId, limit + 1];
    let after = '';
    if (cursor) {
      if (
        !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(String(cursor[0])) ||
        !/^\d{1,19}$/.test(String(cursor[1]))
      )
        throw validationFailed('cursor', 'cursor is not valid');
      params.push(String(cursor[0]), String(cursor[1]));
      after = `AND (e.at, e.id) > ($3::timestamptz, $4::bigint)`;
    }
    const rows: TimelineRow[] = await (manager ?? this.ds.manager).query(
      `SELECT e.id::text AS id,
              to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
              e.type, e.actor_id AS "actorId", e.actor_type AS "actorType",
              ${actorNameSql('e.actor_id', 'e.local_authority_id')} AS "actorName", e.summary,
              e.record_type AS "recordType", e.record_id AS "recordId", e.data
         FROM case_event e
        WHERE e.case_id = $1 ${after}
        ORDER BY e.at, e.id
        LIMIT $2`,
      params,
    );
    const p = toPage(rows, limit, (r) => [r.cursorAt, r.id]);
    return { data: p.data.map(({ cursorAt: _c, ...item }) => item), nextCursor: p.nextCursor };
  }
}
