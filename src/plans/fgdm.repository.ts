import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  actorNameSql,
  namedIdsSql,
  networkMemberNameSql,
  personNameSql,
} from 'src/common/display-names';
import type { FamilyPlanItem, FgdmAttendees } from './fgdm-meeting.entity';

export interface FgdmRow {
  id: string;
  caseId: string;
  childIds: string[];
  date: string;
  coordinator: string;
  attendees: FgdmAttendees;
  familyPlan: string | null;
  familyPlanItems: FamilyPlanItem[];
  recordedById: string;
  recordedByName: string | null;
  recordedAt: string;
}

/** A meeting as read: the row and the attendees' names (the meeting's own LA). */
export interface FgdmReadRow extends FgdmRow {
  familyMembers: { id: string; name: string | null }[];
  networkMembers: { id: string; name: string | null }[];
}

const COLUMNS = `id, case_id AS "caseId", child_ids::text[] AS "childIds", held_on::text AS date,
  coordinator, attendees, family_plan AS "familyPlan", family_plan_items AS "familyPlanItems",
  recorded_by_id AS "recordedById",
  ${actorNameSql('fgdm_meeting.recorded_by_id', 'fgdm_meeting.local_authority_id')} AS "recordedByName",
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt",
  ${namedIdsSql(`fgdm_meeting.attendees -> 'familyMemberIds'`, (id) =>
    personNameSql(id, 'fgdm_meeting.local_authority_id'),
  )} AS "familyMembers",
  ${namedIdsSql(`fgdm_meeting.attendees -> 'networkMemberIds'`, (id) =>
    networkMemberNameSql(id, 'fgdm_meeting.local_authority_id'),
  )} AS "networkMembers"`;

/** Family group decision-making meetings. */
@Injectable()
export class FgdmRepository {
  async insert(
    m: EntityManager,
    la: string,
    v: Omit<FgdmRow, 'id' | 'recordedAt' | 'recordedByName'>,
  ): Promise<FgdmReadRow> {
    const rows: FgdmReadRow[] = await m.query(
      `INSERT INTO fgdm_meeting (case_id, local_authority_id, child_ids, held_on, coordinator,
          attendees, family_plan, family_plan_items, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        v.caseId,
        la,
        v.childIds,
        v.date,
        v.coordinator,
        JSON.stringify(v.attendees),
        v.familyPlan,
        JSON.stringify(v.familyPlanItems),
        v.recordedById,
      ],
    );
    return rows[0];
  }

  async find(m: EntityManager, la: string, id: string): Promise<FgdmReadRow | null> {
    const rows: FgdmReadRow[] = await m.query(
      `SELECT ${COLUMNS} FROM fgdm_meeting WHERE id = $2 AND local_authority_id = $1`,
      [la, id],
    );
    return rows[0] ?? null;
  }

  async listForCase(m: EntityManager, la: string, caseId: string): Promise<FgdmReadRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM fgdm_meeting WHERE case_id = $2 AND local_authority_id = $1
        ORDER BY held_on, recorded_at, id`,
      [la, caseId],
    );
  }

  /** Which of `ids` are members (people) of the case's family. */
  async familyMemberIds(
    m: EntityManager,
    la: string,
    caseId: string,
    ids: readonly string[],
  ): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT p.id FROM person p JOIN case_record c ON c.family_id = p.family_id
        WHERE c.id = $2 AND p.local_authority_id = $1 AND p.id = ANY($3::uuid[])`,
      [la, caseId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** Which of `ids` are network members of the case's family. */
  async networkMemberIds(
    m: EntityManager,
    la: string,
    caseId: string,
    ids: readonly string[],
  ): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT n.id FROM family_network_member n JOIN case_record c ON c.family_id = n.family_id
        WHERE c.id = $2 AND n.local_authority_id = $1 AND n.id = ANY($3::uuid[])`,
      [la, caseId, ids],
    );
    return rows.map((r) => r.id);
  }
}
