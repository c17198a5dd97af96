import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { encodeCursor, Page } from 'src/common/pagination';
import { writeReturning } from 'src/common/sql';
import type { AddendumResponse, NoteResponse } from './note.dto';

/** How long the author may correct a note after writing it. */
export const CORRECTION_WINDOW_MINUTES = 15;

interface NoteRow extends Omit<
  NoteResponse,
  'addenda' | 'recordedAt' | 'createdAt' | 'updatedAt' | 'editableUntil'
> {
  recordedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  editableUntil: Date;
  withinWindow: boolean;
  cursorAt: string;
}

/** A note's response columns, on the row aliased `n` (a SELECT's, or an INSERT's RETURNING). */
const NOTE_COLUMNS = `
         n.id, n.case_id AS "caseId", n.author_id AS "authorId", n.author_type AS "authorType",
         n.body, n.recorded_at AS "recordedAt", n.created_at AS "createdAt",
         n.updated_at AS "updatedAt", n.version,
         n.created_at + interval '${CORRECTION_WINDOW_MINUTES} minutes' AS "editableUntil",
         now() < n.created_at + interval '${CORRECTION_WINDOW_MINUTES} minutes' AS "withinWindow",
         to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

const NOTE_SELECT = `
  SELECT ${NOTE_COLUMNS}
    FROM case_note n`;

export type NoteRecord = NoteResponse & { withinWindow: boolean };

const iso = (d: Date | string) => new Date(d).toISOString();

/** Queries on case_note and case_note_addendum (the case id always scopes them). */
@Injectable()
export class NoteRepository {
  /** Inserts the note and returns it as `find` would (a new note has no addenda): one
   * statement, the response's columns in its RETURNING. */
  async insert(
    m: EntityManager,
    n: {
      caseId: string;
      la: string;
      authorId: string;
      authorType: string;
      body: string;
      recordedAt: string | null;
    },
  ): Promise<NoteRecord> {
    const rows: NoteRow[] = await m.query(
      `INSERT INTO case_note AS n (case_id, local_authority_id, author_id, author_type, body, recorded_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now())) RETURNING ${NOTE_COLUMNS}`,
      [n.caseId, n.la, n.authorId, n.authorType, n.body, n.recordedAt],
    );
    const [note] = await this.withAddenda(m, rows, true);
    return { ...note, withinWindow: rows[0].withinWindow };
  }

  async find(
    m: EntityManager,
    caseId: string,
    noteId: string,
    lock = false,
  ): Promise<NoteRecord | null> {
    const rows: NoteRow[] = await m.query(
      `${NOTE_SELECT} WHERE n.id = $1 AND n.case_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [noteId, caseId],
    );
    if (!rows[0]) return null;
    const [note] = await this.withAddenda(m, rows);
    return { ...note, withinWindow: rows[0].withinWindow };
  }

  /** Updates body/recorded date if the version matches and the window is still open. */
  async correct(
    m: EntityManager,
    noteId: string,
    version: number,
    body: string,
    recordedAt: string,
  ): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE case_note SET body = $3, recorded_at = $4::timestamptz, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [noteId, version, body, recordedAt],
    );
    return rows.length === 1;
  }

  async insertAddendum(
    m: EntityManager,
    a: { noteId: string; caseId: string; authorId: string; authorType: string; body: string },
  ): Promise<AddendumResponse> {
    const rows: AddendumResponse[] = await m.query(
      `INSERT INTO case_note_addendum (note_id, case_id, author_id, author_type, body)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, author_id AS "authorId", author_type AS "authorType", body, created_at AS "createdAt"`,
      [a.noteId, a.caseId, a.authorId, a.authorType, a.body],
    );
    return { ...rows[0], createdAt: iso(rows[0].createdAt) };
  }

  /** Notes of the case, oldest first, keyset on (created_at, id), with their addenda. */
  async list(
    m: EntityManager,
    caseId: string,
    limit: number,
    after: [string, string] | null,
  ): Promise<Page<NoteResponse>> {
    const params: unknown[] = [caseId, limit + 1];
    let cond = '';
    if (after) {
      params.push(after[0], after[1]);
      cond = 'AND (n.created_at, n.id) > ($3::timestamptz, $4::uuid)';
    }
    const rows: NoteRow[] = await m.query(
      `${NOTE_SELECT} WHERE n.case_id = $1 ${cond} ORDER BY n.created_at, n.id LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: await this.withAddenda(m, page),
      nextCursor: rows.length > limit ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }

  private async withAddenda(
    m: EntityManager,
    rows: NoteRow[],
    none = false,
  ): Promise<NoteResponse[]> {
    const addenda: (AddendumResponse & { noteId: string })[] =
      rows.length && !none
        ? await m.query(
            `SELECT id, note_id AS "noteId", author_id AS "authorId", author_type AS "authorType", body,
                  created_at AS "createdAt"
             FROM case_note_addendum WHERE note_id = ANY($1::uuid[]) ORDER BY created_at, id`,
            [rows.map((r) => r.id)],
          )
        : [];
    return rows.map(({ withinWindow: _w, cursorAt: _c, ...n }) => ({
      ...n,
      recordedAt: iso(n.recordedAt),
      createdAt: iso(n.createdAt),
      updatedAt: iso(n.updatedAt),
      editableUntil: iso(n.editableUntil),
      addenda: addenda
        .filter((a) => a.noteId === n.id)
        .map(({ noteId: _n, ...a }) => ({ ...a, createdAt: iso(a.createdAt) })),
    }));
  }
}
