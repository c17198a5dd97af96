import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { Agency } from 'src/access/roles';
import { caseFilterSql } from 'src/access/verdict';
import { writeReturning } from 'src/common/sql';
import type { PlanChildResponse } from './dto/child.dto';
import type { SharingRecordResponse } from './dto/sharing.dto';
import type { SharedRecordType } from './information-sharing-record.entity';
import type { LawfulBasis } from './lawful-basis';

const SHARE_COLUMNS = `s.id,
  to_char(s.shared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  to_char(s.shared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
  s.shared_by_id AS "sharedById", s.with_user_id AS "withUserId",
  (SELECT u.name FROM app_user u WHERE u.id = s.with_user_id) AS "withUserName",
  s.agency, s.what, s.record_type AS "recordType", s.record_id AS "recordId",
  s.case_id AS "caseId", s.child_ids::text[] AS "childIds", s.lawful_basis AS "lawfulBasis",
  to_char(s.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "endedAt",
  s.ended_by_id AS "endedById"`;

export type SharingRow = SharingRecordResponse & { cursorAt: string };

export interface PartnerUser {
  id: string;
  agency: Agency | null;
  isPartner: boolean;
  active: boolean;
}

/** Information-sharing records (shares of plans and meetings with partner users). */
@Injectable()
export class SharingRepository {
  /** A user of the LA, with what sharing needs to know. */
  async findUser(m: EntityManager, la: string, userId: string): Promise<PartnerUser | null> {
    const rows: PartnerUser[] = await m.query(
      `SELECT id, agency, 'partner' = ANY(roles) AS "isPartner", active
         FROM app_user WHERE id = $1 AND local_authority_id = $2`,
      [userId, la],
    );
    return rows[0] ?? null;
  }

  async insert(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      recordType: SharedRecordType;
      recordId: string;
      childIds: string[];
      what: string;
      withUserId: string;
      agency: Agency;
      lawfulBasis: LawfulBasis;
      sharedById: string;
    },
  ): Promise<SharingRecordResponse | null> {
    const rows: SharingRow[] = await m.query(
      `INSERT INTO information_sharing_record AS s
         (local_authority_id, case_id, record_type, record_id, child_ids, what, with_user_id,
          agency, lawful_basis, shared_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (record_type, record_id, with_user_id) WHERE ended_at IS NULL DO NOTHING
       RETURNING ${SHARE_COLUMNS}`,
      [
        la,
        v.caseId,
        v.recordType,
        v.recordId,
        v.childIds,
        v.what,
        v.withUserId,
        v.agency,
        v.lawfulBasis,
        v.sharedById,
      ],
    );
    return rows[0] ? strip(rows[0]) : null;
  }

  /** Ends the active share of the record with the user; null when there is none. */
  async end(
    m: EntityManager,
    la: string,
    recordType: SharedRecordType,
    recordId: string,
    withUserId: string,
    endedById: string,
  ): Promise<SharingRecordResponse | null> {
    const rows = await writeReturning<SharingRow>(
      m,
      `UPDATE information_sharing_record AS s SET ended_at = clock_timestamp(), ended_by_id = $5
        WHERE s.local_authority_id = $1 AND s.record_type = $2 AND s.record_id = $3
          AND s.with_user_id = $4 AND s.ended_at IS NULL
        RETURNING ${SHARE_COLUMNS}`,
      [la, recordType, recordId, withUserId, endedById],
    );
    return rows[0] ? strip(rows[0]) : null;
  }

  /** Every share of one record (active and ended), oldest first. */
  async forRecord(
    m: EntityManager,
    la: string,
    recordType: SharedRecordType,
    recordId: string,
  ): Promise<SharingRecordResponse[]> {
    const rows: SharingRow[] = await m.query(
      `SELECT ${SHARE_COLUMNS} FROM information_sharing_record s
        WHERE s.local_authority_id = $1 AND s.record_type = $2 AND s.record_id = $3
        ORDER BY s.shared_at, s.id`,
      [la, recordType, recordId],
    );
    return rows.map(strip);
  }

  /** The information-sharing list, keyset-paged on (shared_at, id): an auditor's, the LA's;
   * else of the cases the caller's `information_sharing.read` verdict allows (the gate's rule
   * rendered as SQL). */
  async list(
    m: EntityManager,
    la: string,
    actor: Pick<Actor, 'kind' | 'id' | 'roles' | 'scopes'>,
    filter: { childId?: string; caseId?: string },
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<SharingRow[]> {
    const params: unknown[] = [
      la,
      filter.childId ?? null,
      filter.caseId ?? null,
      after?.at ?? null,
      after?.id ?? null,
      limit,
    ];
    // An auditor reads the LA's records as it reads the audit trail; managers their cases'.
    const allowed = caseFilterSql(actor, 'information_sharing.read', 'c', params);
    return m.query(
      `SELECT ${SHARE_COLUMNS} FROM information_sharing_record s
        WHERE s.local_authority_id = $1
          AND ($2::uuid IS NULL OR $2::uuid = ANY(s.child_ids))
          AND ($3::uuid IS NULL OR s.case_id = $3::uuid)
          AND ($4::timestamptz IS NULL OR (s.shared_at, s.id) > ($4::timestamptz, $5::uuid))
          AND EXISTS (SELECT 1 FROM case_record c
                       WHERE c.id = s.case_id AND c.local_authority_id = $1 AND ${allowed})
        ORDER BY s.shared_at, s.id
        LIMIT $6`,
      params,
    );
  }

  /** The records actively shared with a partner user, newest first (keyset on shared_at, id). */
  async sharedWith(
    m: EntityManager,
    la: string,
    userId: string,
    recordType: SharedRecordType | null,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<(SharingRow & { status: string })[]> {
    return m.query(
      `SELECT ${SHARE_COLUMNS},
              COALESCE((SELECT p.status FROM community_safety_plan p WHERE p.id = s.record_id),
                       (SELECT f.status FROM family_network_plan f WHERE f.id = s.record_id),
                       'held') AS status
         FROM information_sharing_record s
        WHERE s.local_authority_id = $1 AND s.with_user_id = $2 AND s.ended_at IS NULL
          AND ($3::text IS NULL OR s.record_type = $3)
          AND ($4::timestamptz IS NULL OR (s.shared_at, s.id) < ($4::timestamptz, $5::uuid))
        ORDER BY s.shared_at DESC, s.id DESC
        LIMIT $6`,
      [la, userId, recordType, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** The status of a shared plan ('held' for a meeting). */
  async recordStatus(
    m: EntityManager,
    la: string,
    type: SharedRecordType,
    id: string,
  ): Promise<string | null> {
    if (type === 'fgdm_meeting') return 'held';
    const table =
      type === 'community_safety_plan' ? 'community_safety_plan' : 'family_network_plan';
    const rows: { status: string }[] = await m.query(
      `SELECT status FROM ${table} WHERE id = $2 AND local_authority_id = $1`,
      [la, id],
    );
    return rows[0]?.status ?? null;
  }

  /** The children a record is about (a safety-plan action: its plan's young person). */
  async recordChildIds(
    m: EntityManager,
    la: string,
    target: { type: SharedRecordType | 'community_safety_plan_action'; id: string },
  ): Promise<string[]> {
    const sql: Record<typeof target.type, string> = {
      fgdm_meeting: `SELECT child_ids::text[] AS ids FROM fgdm_meeting WHERE id = $1 AND local_authority_id = $2`,
      family_network_plan: `SELECT child_ids::text[] AS ids FROM family_network_plan WHERE id = $1 AND local_authority_id = $2`,
      community_safety_plan: `SELECT ARRAY[child_id::text] AS ids FROM community_safety_plan WHERE id = $1 AND local_authority_id = $2`,
      community_safety_plan_action: `SELECT ARRAY[p.child_id::text] AS ids FROM community_safety_plan_action a
        JOIN community_safety_plan p ON p.id = a.plan_id WHERE a.id = $1 AND p.local_authority_id = $2`,
    };
    const rows: { ids: string[] }[] = await m.query(sql[target.type], [target.id, la]);
    return rows[0]?.ids ?? [];
  }

  /** Children by id, name and date of birth only (what a plan shows). */
  async children(
    m: EntityManager,
    la: string,
    ids: readonly string[],
  ): Promise<PlanChildResponse[]> {
    if (!ids.length) return [];
    return m.query(
      `SELECT p.id, p.first_name AS "firstName", p.last_name AS "lastName",
              p.date_of_birth::text AS "dateOfBirth"
         FROM person p WHERE p.id = ANY($2::uuid[]) AND p.local_authority_id = $1
        ORDER BY p.date_of_birth NULLS LAST, p.id`,
      [la, ids],
    );
  }
}

export function strip(row: SharingRow): SharingRecordResponse {
  const { cursorAt: _c, ...rest } = row;
  return rest;
}
