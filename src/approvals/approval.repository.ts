import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApprovalKind } from './dual-control';

export type ApprovalStatus = 'pending' | 'approved' | 'refused';

export interface ApprovalRow {
  id: string;
  localAuthorityId: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  requestedById: string;
  subjectUserId: string | null;
  payload: Record<string, unknown>;
  summary: Record<string, unknown>;
  requestedAt: string;
  decidedById: string | null;
  decidedAt: string | null;
  reason: string | null;
  resultId: string | null;
  version: number;
}

const AT = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const COLUMNS = `id, local_authority_id AS "localAuthorityId", kind, status,
  requested_by_id AS "requestedById", subject_user_id AS "subjectUserId", payload, summary,
  ${AT('requested_at')} AS "requestedAt", decided_by_id AS "decidedById",
  ${AT('decided_at')} AS "decidedAt", reason, result_id AS "resultId", version`;

/** Queries over approval_request; every method takes the local authority first. */
@Injectable()
export class ApprovalRepository {
  async insert(
    m: EntityManager,
    la: string,
    row: Pick<ApprovalRow, 'kind' | 'requestedById' | 'subjectUserId' | 'payload' | 'summary'>,
  ): Promise<ApprovalRow> {
    const rows: ApprovalRow[] = await m.query(
      `INSERT INTO approval_request (local_authority_id, kind, requested_by_id, subject_user_id, payload, summary)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING ${COLUMNS}`,
      [
        la,
        row.kind,
        row.requestedById,
        row.subjectUserId,
        JSON.stringify(row.payload),
        JSON.stringify(row.summary),
      ],
    );
    return rows[0];
  }

  /** One approval of the LA (any LA when `la` is null: the platform admin), locked for the
   * decision when `lock`. */
  async find(
    m: EntityManager,
    la: string | null,
    id: string,
    lock = false,
  ): Promise<ApprovalRow | null> {
    const rows: ApprovalRow[] = await m.query(
      `SELECT ${COLUMNS} FROM approval_request
        WHERE id = $1 AND ($2::uuid IS NULL OR local_authority_id = $2)${lock ? ' FOR UPDATE' : ''}`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  async list(
    m: EntityManager,
    la: string,
    status: ApprovalStatus | undefined,
    after: [string, string] | null,
    limit: number,
  ): Promise<ApprovalRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM approval_request
        WHERE local_authority_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR (requested_at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY requested_at, id LIMIT $5`,
      [la, status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async decide(
    m: EntityManager,
    id: string,
    status: Exclude<ApprovalStatus, 'pending'>,
    deciderId: string,
    reason: string | null,
    resultId: string | null,
  ): Promise<ApprovalRow> {
    // TypeORM answers an UPDATE … RETURNING as [rows, count].
    const [rows]: [ApprovalRow[], number] = await m.query(
      `UPDATE approval_request SET status = $2, decided_by_id = $3, decided_at = clock_timestamp(),
              reason = $4, result_id = $5, version = version + 1, payload = payload - 'passwordHash'
        WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
      [id, status, deciderId, reason, resultId],
    );
    return rows[0];
  }
}
