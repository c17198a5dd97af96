import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { encodeCursor, Page } from 'src/common/pagination';
import type { AttachmentType } from './case-document.entity';
import type { DocumentResponse } from './dto/document.dto';

interface DocumentRow {
  id: string;
  case_id: string;
  title: string;
  content_type: string;
  extension: string;
  size: string;
  sha256: string;
  attached_to_type: AttachmentType | null;
  attached_to_id: string | null;
  uploaded_by_id: string;
  created_at: Date;
  cursor_at: string;
}

const COLUMNS = `d.id, d.case_id, d.title, d.content_type, d.extension, d.size, d.sha256,
  d.attached_to_type, d.attached_to_id, d.uploaded_by_id, d.created_at,
  to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const toResponse = (r: DocumentRow): DocumentResponse => ({
  id: r.id,
  caseId: r.case_id,
  title: r.title,
  contentType: r.content_type,
  extension: r.extension,
  size: Number(r.size),
  sha256: r.sha256,
  attachedTo:
    r.attached_to_type && r.attached_to_id
      ? { type: r.attached_to_type, id: r.attached_to_id }
      : null,
  uploadedById: r.uploaded_by_id,
  uploadedAt: new Date(r.created_at).toISOString(),
});

/**
 * What each attachment type points at, on the same case. Plans: the case's Family Help plan.
 * HOOK (issue 9, src/plans): add Family Network Plans and Child Community Safety Plans here when
 * their tables land; partners will then see documents attached to a plan shared with them.
 */
const ATTACHMENT_SQL: Record<AttachmentType, string> = {
  assessment: `SELECT 1 FROM assessment WHERE id = $1 AND case_id = $2`,
  meeting: `SELECT 1 FROM case_meeting WHERE id = $1 AND case_id = $2`,
  plan: `SELECT 1 FROM family_help_plan WHERE id = $1 AND case_id = $2`,
  information_request: `SELECT 1 FROM information_request WHERE id = $1 AND case_id = $2`,
};

/** Queries on case_document; every method takes the local authority. */
@Injectable()
export class DocumentRepository {
  async attachmentExists(
    m: EntityManager,
    type: AttachmentType,
    id: string,
    caseId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(ATTACHMENT_SQL[type], [id, caseId]);
    return rows.length > 0;
  }

  async insert(
    m: EntityManager,
    v: {
      la: string;
      caseId: string;
      title: string;
      contentType: string;
      extension: string;
      size: number;
      sha256: string;
      attachedTo: { type: AttachmentType; id: string } | null;
      content: Buffer | null;
      uploadedById: string;
    },
  ): Promise<DocumentResponse> {
    const rows: DocumentRow[] = await m.query(
      `INSERT INTO case_document AS d (local_authority_id, case_id, title, content_type, extension,
         size, sha256, attached_to_type, attached_to_id, storage, content, uploaded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [
        v.la,
        v.caseId,
        v.title,
        v.contentType,
        v.extension,
        v.size,
        v.sha256,
        v.attachedTo?.type ?? null,
        v.attachedTo?.id ?? null,
        v.content ? 'db' : 'file',
        v.content,
        v.uploadedById,
      ],
    );
    return toResponse(rows[0]);
  }

  /** The documents attached to one record of the case, oldest first; `uploaderRoles`: only
   * those uploaded by a user holding one of these roles. */
  async attachedTo(
    m: EntityManager,
    la: string,
    caseId: string,
    to: { type: AttachmentType; id: string },
    uploaderRoles: readonly string[] | null,
  ): Promise<DocumentResponse[]> {
    const narrowed = uploaderRoles !== null;
    const each = await this.attachedToEach(
      m,
      la,
      to.type,
      [{ caseId, id: to.id, narrowed }],
      uploaderRoles ?? [],
    );
    return each.get(to.id) ?? [];
  }

  /**
   * The documents attached to each of several records of one type (one statement, not one per
   * record): per record id, oldest first. A record marked `narrowed` gets only those uploaded by
   * holders of `uploaderRoles`. `attachedTo` is this for one record.
   */
  async attachedToEach(
    m: EntityManager,
    la: string,
    type: AttachmentType,
    records: readonly { caseId: string; id: string; narrowed: boolean }[],
    uploaderRoles: readonly string[],
  ): Promise<Map<string, DocumentResponse[]>> {
    const out = new Map(records.map((r) => [r.id, [] as DocumentResponse[]]));
    if (!records.length) return out;
    const rows: DocumentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM case_document d
         JOIN unnest($3::uuid[], $4::uuid[], $5::boolean[]) AS w(case_id, id, narrowed)
           ON d.case_id = w.case_id AND d.attached_to_id = w.id
        WHERE d.local_authority_id = $1 AND d.attached_to_type = $2
          AND (NOT w.narrowed OR EXISTS (
                SELECT 1 FROM app_user u WHERE u.id = d.uploaded_by_id AND u.roles && $6::text[]))
        ORDER BY d.created_at, d.id`,
      [
        la,
        type,
        records.map((r) => r.caseId),
        records.map((r) => r.id),
        records.map((r) => r.narrowed),
        uploaderRoles,
      ],
    );
    for (const r of rows) out.get(r.attached_to_id as string)?.push(toResponse(r));
    return out;
  }

  async list(
    m: EntityManager,
    la: string,
    caseId: string,
    f: {
      attachedToType?: AttachmentType;
      attachedToId?: string;
      limit: number;
      after: [string, string] | null;
    },
  ): Promise<Page<DocumentResponse>> {
    const rows: DocumentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM case_document d
        WHERE d.case_id = $1 AND d.local_authority_id = $2
          AND ($3::text IS NULL OR d.attached_to_type = $3)
          AND ($4::uuid IS NULL OR d.attached_to_id = $4)
          AND ($5::timestamptz IS NULL OR (d.created_at, d.id) < ($5::timestamptz, $6::uuid))
        ORDER BY d.created_at DESC, d.id DESC LIMIT $7`,
      [
        caseId,
        la,
        f.attachedToType ?? null,
        f.attachedToId ?? null,
        f.after?.[0] ?? null,
        f.after?.[1] ?? null,
        f.limit + 1,
      ],
    );
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toResponse),
      nextCursor: rows.length > f.limit ? encodeCursor([last.cursor_at, last.id]) : null,
    };
  }

  /** The document's metadata and where its bytes are (no bytes). */
  async findMeta(
    m: EntityManager,
    la: string,
    id: string,
  ): Promise<(DocumentResponse & { storage: 'db' | 'file' }) | null> {
    const rows: (DocumentRow & { storage: 'db' | 'file' })[] = await m.query(
      `SELECT ${COLUMNS}, d.storage FROM case_document d
        WHERE d.id = $1 AND d.local_authority_id = $2`,
      [id, la],
    );
    const r = rows[0];
    return r ? { ...toResponse(r), storage: r.storage } : null;
  }

  /** Bytes kept in Postgres, read CHUNK_BYTES at a time as the response drains (never the
   * whole document in memory). Call only after the access verdict. */
  streamContent(ds: DataSource, id: string, size: number): Readable {
    return Readable.from(
      (async function* () {
        for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
          const rows: { chunk: Buffer | null }[] = await ds.query(
            `SELECT substring(content FROM $2::int FOR $3::int) AS chunk FROM case_document WHERE id = $1`,
            [id, offset + 1, CHUNK_BYTES],
          );
          const chunk = rows[0]?.chunk;
          if (!chunk?.length) return;
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
  }
}

/** Bytes per read of a document kept in Postgres. */
const CHUNK_BYTES = 1024 * 1024;
