import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { encodeCursor, Page } from 'src/common/pagination';
import { writeReturning } from 'src/common/sql';
import type { RepresentationKind, RepresentationResponse } from './parent-representation.entity';
import type { LetterResponse, RepresentationResponseDto } from './dto/representation.dto';

interface Row {
  id: string;
  case_id: string;
  parent_id: string;
  parent_first_name: string;
  parent_last_name: string;
  kind: RepresentationKind;
  organisation: string;
  contact: string | null;
  offered_on: string;
  response: RepresentationResponse;
  responded_on: string | null;
  recorded_by_id: string;
  created_at: Date;
  version: number;
  cursor_at: string;
}

const COLUMNS = `r.id, r.case_id, r.parent_id, p.first_name AS parent_first_name,
  p.last_name AS parent_last_name, r.kind, r.organisation, r.contact,
  r.offered_on::text AS offered_on, r.response, r.responded_on::text AS responded_on,
  r.recorded_by_id, r.created_at, r.version,
  to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const toResponse = (r: Row): RepresentationResponseDto => ({
  id: r.id,
  caseId: r.case_id,
  parentId: r.parent_id,
  parentFirstName: r.parent_first_name,
  parentLastName: r.parent_last_name,
  kind: r.kind,
  organisation: r.organisation,
  contact: r.contact,
  offeredOn: r.offered_on,
  response: r.response,
  respondedOn: r.responded_on,
  recordedById: r.recorded_by_id,
  createdAt: new Date(r.created_at).toISOString(),
  version: r.version,
});

/** Queries on parent_representation and letter_before_proceedings (tenancy in each). */
@Injectable()
export class RepresentationRepository {
  /** Is `personId` an adult member of the case's family? */
  async isParentOnCase(m: EntityManager, caseId: string, personId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM case_record c JOIN person p ON p.family_id = c.family_id
        WHERE c.id = $1 AND p.id = $2 AND p.kind = 'adult'`,
      [caseId, personId],
    );
    return rows.length > 0;
  }

  async insert(
    m: EntityManager,
    v: {
      la: string;
      caseId: string;
      parentId: string;
      kind: RepresentationKind;
      organisation: string;
      contact: string | null;
      offeredOn: string;
      response: RepresentationResponse;
      respondedOn: string | null;
      recordedById: string;
    },
  ): Promise<RepresentationResponseDto> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO parent_representation (local_authority_id, case_id, parent_id, kind,
         organisation, contact, offered_on, response, responded_on, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        v.la,
        v.caseId,
        v.parentId,
        v.kind,
        v.organisation,
        v.contact,
        v.offeredOn,
        v.response,
        v.respondedOn,
        v.recordedById,
      ],
    );
    return (await this.find(m, v.la, id))!;
  }

  async find(
    m: EntityManager,
    la: string,
    id: string,
    lock = false,
  ): Promise<RepresentationResponseDto | null> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM parent_representation r JOIN person p ON p.id = r.parent_id
        WHERE r.id = $1 AND r.local_authority_id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id, la],
    );
    return rows[0] ? toResponse(rows[0]) : null;
  }

  /** Records the answer if the version matches; false when stale. */
  async respond(
    m: EntityManager,
    id: string,
    version: number,
    response: RepresentationResponse,
    respondedOn: string,
  ): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE parent_representation SET response = $3, responded_on = $4,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, response, respondedOn],
    );
    return rows.length > 0;
  }

  async list(
    m: EntityManager,
    la: string,
    caseId: string,
    limit: number,
    after: [string, string] | null,
  ): Promise<Page<RepresentationResponseDto>> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM parent_representation r JOIN person p ON p.id = r.parent_id
        WHERE r.case_id = $1 AND r.local_authority_id = $2
          AND ($3::timestamptz IS NULL OR (r.created_at, r.id) > ($3::timestamptz, $4::uuid))
        ORDER BY r.created_at, r.id LIMIT $5`,
      [caseId, la, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toResponse),
      nextCursor: rows.length > limit ? encodeCursor([last.cursor_at, last.id]) : null,
    };
  }

  async latestLetter(m: EntityManager, la: string, caseId: string): Promise<LetterResponse | null> {
    const rows: LetterResponse[] = await m.query(
      `SELECT sent_on::text AS "sentOn", pre_proceedings_started_on::text AS "preProceedingsStartedOn",
              recorded_by_id AS "recordedById"
         FROM letter_before_proceedings WHERE case_id = $1 AND local_authority_id = $2
        ORDER BY pre_proceedings_started_on DESC, created_at DESC LIMIT 1`,
      [caseId, la],
    );
    return rows[0] ?? null;
  }

  /** Inserts the episode's letter; false when that episode already has one. */
  async insertLetter(
    m: EntityManager,
    v: {
      la: string;
      caseId: string;
      startedOn: string;
      sentOn: string;
      recordedById: string;
      fgdmOfferIds: string[];
      fgdmExemptionId: string | null;
    },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO letter_before_proceedings (local_authority_id, case_id,
         pre_proceedings_started_on, sent_on, recorded_by_id, fgdm_offer_ids, fgdm_exemption_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT ux_letter_before_proceedings_episode DO NOTHING RETURNING id`,
      [v.la, v.caseId, v.startedOn, v.sentOn, v.recordedById, v.fgdmOfferIds, v.fgdmExemptionId],
    );
    return rows.length > 0;
  }
}
