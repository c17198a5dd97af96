import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { DomainError, notFound, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page } from 'src/common/pagination';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { ALLOWED_DOCUMENT_TYPES, documentTypeVerdict } from './document-types';
import type { AttachmentType } from './case-document.entity';
import { DocumentRepository } from './document.repository';
import { DOCUMENT } from './record-kinds';
import { DocumentResponse, ListDocumentsQueryDto, UploadDocumentDto } from './dto/document.dto';

/** Where a document goes: its case (and the case's children, for the audit) and what on it. */
export interface DocumentPlace {
  caseId: string;
  localAuthorityId: string;
  childIds: string[];
  attachedTo: { type: AttachmentType; id: string } | null;
}

export interface DocumentDownload {
  meta: DocumentResponse;
  body: Buffer | Readable;
}

/**
 * Documents on a case: the type from magic bytes (415 otherwise), bytes in Postgres or the
 * configured directory, upload and download audited, every check through the case's access.
 * Partners: no document permission today; documents attached to a plan shared with a partner
 * become visible through the plans module's shares (issue 9) — see ATTACHMENT_SQL.
 */
@Injectable()
export class DocumentService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly docs: DocumentRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  upload(
    actor: Actor,
    caseId: string,
    dto: UploadDocumentDto,
    file: { buffer: Buffer },
  ): Promise<DocumentResponse> {
    return this.store(actor, dto.title, file, async (m) => {
      const c = await this.access.requireCase(m, actor, 'document.upload', caseId, {
        lock: 'share',
        open: true,
      });
      const attachedTo = dto.attachedTo
        ? { type: dto.attachedTo.type, id: dto.attachedTo.id.toLowerCase() }
        : null;
      if (
        attachedTo &&
        !(await this.docs.attachmentExists(m, attachedTo.type, attachedTo.id, caseId))
      )
        throw validationFailed('attachedTo.id', `no such ${attachedTo.type} on this case`);
      return { caseId, localAuthorityId: c.localAuthorityId, childIds: c.childIds, attachedTo };
    });
  }

  /**
   * Stores a document in one transaction with its timeline entry and audit row. `place` runs
   * first in that transaction: it judges the caller through the gate (the case's upload rule,
   * or — for a route of another feature, e.g. an answer to an information request — that
   * record's own rule) and says where the document goes; `then` adds the caller's own rows
   * (in the same transaction).
   */
  async store(
    actor: Actor,
    title: string,
    file: { buffer: Buffer },
    place: (m: EntityManager) => Promise<DocumentPlace>,
    then?: (m: EntityManager, doc: DocumentResponse, at: DocumentPlace) => Promise<void>,
  ): Promise<DocumentResponse> {
    const bytes = file.buffer;
    if (bytes.length === 0) throw validationFailed('file', 'the file is empty');
    const verdict = documentTypeVerdict(await fileTypeFromBuffer(bytes));
    if (!verdict.ok)
      throw new DomainError(
        415,
        'unsupported_document_type',
        `${verdict.detected ? `A ${verdict.detected} file` : 'A file of unrecognised type'} is not accepted; send PDF, an image or a Word (.docx) document`,
        [
          {
            field: 'file',
            message: `type found from its content: ${verdict.detected ?? 'unknown'}; allowed: ${Object.keys(ALLOWED_DOCUMENT_TYPES).join(', ')}`,
          },
        ],
      );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const dir = this.config.DOCUMENT_STORAGE_DIR;
    let written: string | null = null;
    try {
      return await this.ds.transaction(async (m) => {
        const at = await place(m);
        const { caseId, attachedTo } = at;
        const doc = await this.docs.insert(m, {
          la: at.localAuthorityId,
          caseId,
          title: title.trim(),
          contentType: verdict.contentType,
          extension: verdict.extension,
          size: bytes.length,
          sha256,
          attachedTo,
          content: dir ? null : bytes,
          uploadedById: actor.id,
        });
        if (dir) written = await this.writeFile(dir, doc.id, bytes);
        await this.timeline.append(m, {
          caseId,
          localAuthorityId: at.localAuthorityId,
          type: 'document_uploaded',
          summary: `Document uploaded: ${doc.title} (${verdict.extension.toUpperCase()})`,
          data: { documentId: doc.id, attachedTo },
          recordType: 'document',
          recordId: doc.id,
        });
        await this.audit.record(
          {
            action: 'document.upload',
            recordType: 'document',
            recordId: doc.id,
            childIds: at.childIds,
            metadata: { caseId, contentType: doc.contentType, size: doc.size, sha256, attachedTo },
          },
          m,
        );
        if (then) await then(m, doc, at);
        return doc;
      });
    } catch (err) {
      // The row was rolled back: do not leave its bytes behind.
      if (written) await rm(written, { force: true });
      throw err;
    }
  }

  /** The documents attached to one record of a case (metadata), oldest first; `uploaderRoles`
   * narrows them to those uploaded by holders of these roles. For a feature that has judged the
   * caller on that record. */
  attachedTo(
    m: EntityManager,
    la: string,
    caseId: string,
    to: { type: AttachmentType; id: string },
    uploaderRoles: readonly string[] | null = null,
  ): Promise<DocumentResponse[]> {
    return this.docs.attachedTo(m, la, caseId, to, uploaderRoles);
  }

  /** `attachedTo` for several records of one type in one statement (a page of them). */
  attachedToEach(
    m: EntityManager,
    la: string,
    type: AttachmentType,
    records: readonly { caseId: string; id: string; narrowed: boolean }[],
    uploaderRoles: readonly string[],
  ): Promise<Map<string, DocumentResponse[]>> {
    return this.docs.attachedToEach(m, la, type, records, uploaderRoles);
  }

  async list(
    actor: Actor,
    caseId: string,
    q: ListDocumentsQueryDto,
  ): Promise<Page<DocumentResponse>> {
    const c = await this.access.requireCase(this.ds.manager, actor, 'document.read', caseId);
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    if (after && (!/^\d{4}-/.test(String(after[0])) || !/^[0-9a-f-]{36}$/i.test(String(after[1]))))
      throw validationFailed('cursor', 'cursor is not valid');
    const page = await this.docs.list(this.ds.manager, c.localAuthorityId, caseId, {
      attachedToType: q.attachedToType,
      attachedToId: q.attachedToId,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      after,
    });
    await this.audit.record({
      action: 'document.list',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
      metadata: { documents: page.data.length },
    });
    return page;
  }

  /**
   * The document's bytes: an audited read, visible exactly when its case is. The verdict comes
   * first, from one statement over the document's case (a missing and a hidden document cost
   * the same); only then is the document read, and its bytes are streamed in chunks, never
   * held whole in memory.
   */
  async download(actor: Actor, documentId: string): Promise<DocumentDownload> {
    const c = await this.access.requireRecordById(this.ds.manager, actor, 'document.read', {
      kind: DOCUMENT,
      id: documentId,
    });
    const doc = await this.docs.findMeta(this.ds.manager, c.localAuthorityId, documentId);
    if (!doc) throw notFound('Document');
    await this.audit.record({
      action: 'document.read',
      recordType: 'document',
      recordId: doc.id,
      childIds: c.childIds,
      metadata: { caseId: doc.caseId },
    });
    const { storage, ...meta } = doc;
    if (storage === 'db') return { meta, body: this.docs.streamContent(this.ds, doc.id, doc.size) };
    const dir = this.config.DOCUMENT_STORAGE_DIR;
    if (!dir)
      throw new Error(`document ${doc.id} is stored as a file but DOCUMENT_STORAGE_DIR is not set`);
    return { meta, body: createReadStream(join(dir, doc.id)) };
  }

  /** Written under a temporary name, then renamed: a reader never sees half a file. */
  private async writeFile(dir: string, id: string, bytes: Buffer): Promise<string> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, id);
    const tmp = `${path}.part`;
    await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
    await rename(tmp, path);
    return path;
  }
}
