import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQueryDto } from 'src/common/pagination';
import { TimelineService } from '../timeline.service';
import {
  CreateAddendumDto,
  CreateNoteDto,
  NoteResponse,
  UpdateNoteDto,
  AddendumResponse,
} from './note.dto';
import { CORRECTION_WINDOW_MINUTES, NoteRepository } from './note.repository';
import { CASE_NOTE } from '../record-kinds';

/**
 * Case notes: written by anyone working on the open case; the author may correct a note for
 * 15 minutes (If-Match); after that it is immutable and only addenda can be added.
 */
@Injectable()
export class NoteService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notes: NoteRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  async create(actor: Actor, caseId: string, dto: CreateNoteDto): Promise<NoteResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.note', caseId, {
        lock: 'share',
        open: true,
      });
      const note = await this.notes.insert(m, {
        caseId,
        la: c.localAuthorityId,
        authorId: actor.id,
        authorType: actor.kind,
        body: dto.body,
        recordedAt: dto.recordedAt ?? null,
      });
      const id = note.id;
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'note_added',
        summary: `Case note added by ${actor.name}`,
        data: { recordedAt: note.recordedAt },
        recordType: 'case_note',
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'case.note_add',
          recordType: 'case_note',
          recordId: id,
          childIds: c.childIds,
          metadata: { caseId },
        },
        m,
      );
      return strip(note);
    });
  }

  async list(actor: Actor, caseId: string, q: PageQueryDto): Promise<Page<NoteResponse>> {
    const c = await this.access.requireCase(this.ds.manager, actor, 'case.read', caseId);
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    if (after && (!/^\d{4}-/.test(String(after[0])) || !/^[0-9a-f-]{36}$/i.test(String(after[1]))))
      throw validationFailed('cursor', 'cursor is not valid');
    const page = await this.notes.list(
      this.ds.manager,
      caseId,
      q.limit ?? DEFAULT_PAGE_SIZE,
      after,
    );
    await this.audit.record({
      action: 'case.notes_read',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
      metadata: { noteIds: page.data.map((n) => n.id) },
    });
    return page;
  }

  async correct(
    actor: Actor,
    caseId: string,
    noteId: string,
    version: number,
    dto: UpdateNoteDto,
  ): Promise<NoteResponse> {
    if (dto.body === undefined && dto.recordedAt === undefined)
      throw validationFailed('body', 'give body and/or recordedAt');
    return this.ds.transaction(async (m) => {
      // The note's row of the verdict table: someone working on the case who wrote it.
      const c = await this.access.requireRecord(
        m,
        actor,
        'case.note',
        caseId,
        { kind: CASE_NOTE, id: noteId },
        { lock: 'share', open: true },
      );
      const note = await this.notes.find(m, caseId, noteId, true);
      if (!note) throw notFound('Note');
      if (!note.withinWindow)
        throw conflict(
          'correction_window_closed',
          `A note can be corrected for ${CORRECTION_WINDOW_MINUTES} minutes after it is written; add an addendum instead`,
        );
      const after = {
        body: dto.body ?? note.body,
        recordedAt: dto.recordedAt ? new Date(dto.recordedAt).toISOString() : note.recordedAt,
      };
      if (!(await this.notes.correct(m, noteId, version, after.body, after.recordedAt)))
        throw preconditionFailed();
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'note_corrected',
        summary: `Case note corrected by its author within ${CORRECTION_WINDOW_MINUTES} minutes`,
        recordType: 'case_note',
        recordId: noteId,
      });
      await this.audit.record(
        {
          action: 'case.note_correct',
          recordType: 'case_note',
          recordId: noteId,
          childIds: c.childIds,
          changes: diffFields(note, after, ['body', 'recordedAt']),
          metadata: { caseId },
        },
        m,
      );
      return strip((await this.notes.find(m, caseId, noteId))!);
    });
  }

  async addAddendum(
    actor: Actor,
    caseId: string,
    noteId: string,
    dto: CreateAddendumDto,
  ): Promise<AddendumResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.note', caseId, {
        lock: 'share',
        open: true,
      });
      const note = await this.notes.find(m, caseId, noteId);
      if (!note) throw notFound('Note');
      const addendum = await this.notes.insertAddendum(m, {
        noteId,
        caseId,
        authorId: actor.id,
        authorType: actor.kind,
        body: dto.body,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'note_addendum_added',
        summary: `Addendum added to a case note by ${actor.name}`,
        data: { noteId },
        recordType: 'case_note_addendum',
        recordId: addendum.id,
      });
      await this.audit.record(
        {
          action: 'case.note_addendum',
          recordType: 'case_note',
          recordId: noteId,
          childIds: c.childIds,
          metadata: { caseId, addendumId: addendum.id },
        },
        m,
      );
      return addendum;
    });
  }
}

function strip(n: NoteResponse & { withinWindow?: boolean }): NoteResponse {
  const { withinWindow: _w, ...rest } = n;
  return rest;
}
