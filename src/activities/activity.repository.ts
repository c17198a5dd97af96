/** Meetings and visits recorded on a case (queries only; tenancy in every query). */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorNameSql } from 'src/common/display-names';
import type { MeetingKind } from './case-meeting.entity';
import type { MeetingResponse, VisitResponse } from './dto/activity.dto';

interface MeetingRow {
  id: string;
  case_id: string;
  kind: MeetingKind;
  held_on: string;
  attendees: string[];
  summary: string | null;
  recorded_by_id: string;
  recorded_by_name: string | null;
  recorded_at: Date;
}

interface VisitRow {
  id: string;
  case_id: string;
  child_id: string;
  visited_on: string;
  seen_alone: boolean;
  summary: string | null;
  recorded_by_id: string;
  recorded_by_name: string | null;
  recorded_at: Date;
}

const MEETING_COLUMNS = `m.id, m.case_id, m.kind, m.held_on::text AS held_on, m.attendees,
  m.summary, m.recorded_by_id,
  ${actorNameSql('m.recorded_by_id', 'm.local_authority_id')} AS recorded_by_name, m.recorded_at`;
const VISIT_COLUMNS = `v.id, v.case_id, v.child_id, v.visited_on::text AS visited_on,
  v.seen_alone, v.summary, v.recorded_by_id,
  ${actorNameSql('v.recorded_by_id', 'v.local_authority_id')} AS recorded_by_name, v.recorded_at`;

const toMeeting = (r: MeetingRow): MeetingResponse => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  date: r.held_on,
  attendees: r.attendees,
  summary: r.summary,
  recordedById: r.recorded_by_id,
  recordedByName: r.recorded_by_name,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

const toVisit = (r: VisitRow): VisitResponse => ({
  id: r.id,
  caseId: r.case_id,
  childId: r.child_id,
  date: r.visited_on,
  seenAlone: r.seen_alone,
  summary: r.summary,
  recordedById: r.recorded_by_id,
  recordedByName: r.recorded_by_name,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

/** Meetings and visits. */
@Injectable()
export class ActivityRepository {
  async insertMeeting(
    em: EntityManager,
    v: {
      caseId: string;
      la: string;
      kind: MeetingKind;
      date: string;
      attendees: string[];
      summary: string | null;
      recordedById: string;
    },
  ): Promise<MeetingResponse> {
    const rows: MeetingRow[] = await em.query(
      `INSERT INTO case_meeting AS m
         (case_id, local_authority_id, kind, held_on, attendees, summary, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${MEETING_COLUMNS}`,
      [v.caseId, v.la, v.kind, v.date, v.attendees, v.summary, v.recordedById],
    );
    return toMeeting(rows[0]);
  }

  async findMeetings(
    em: EntityManager,
    la: string,
    caseIds: readonly string[],
  ): Promise<MeetingResponse[]> {
    const rows: MeetingRow[] = await em.query(
      `SELECT ${MEETING_COLUMNS} FROM case_meeting m
        WHERE m.case_id = ANY($1::uuid[]) AND m.local_authority_id = $2
        ORDER BY m.held_on, m.recorded_at, m.id`,
      [caseIds, la],
    );
    return rows.map(toMeeting);
  }

  async insertVisit(
    em: EntityManager,
    v: {
      caseId: string;
      la: string;
      childId: string;
      date: string;
      seenAlone: boolean;
      summary: string | null;
      recordedById: string;
    },
  ): Promise<VisitResponse> {
    const rows: VisitRow[] = await em.query(
      `INSERT INTO case_visit AS v
         (case_id, local_authority_id, child_id, visited_on, seen_alone, summary, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VISIT_COLUMNS}`,
      [v.caseId, v.la, v.childId, v.date, v.seenAlone, v.summary, v.recordedById],
    );
    return toVisit(rows[0]);
  }

  async findVisits(
    em: EntityManager,
    la: string,
    caseIds: readonly string[],
  ): Promise<VisitResponse[]> {
    const rows: VisitRow[] = await em.query(
      `SELECT ${VISIT_COLUMNS} FROM case_visit v
        WHERE v.case_id = ANY($1::uuid[]) AND v.local_authority_id = $2
        ORDER BY v.visited_on, v.recorded_at, v.id`,
      [caseIds, la],
    );
    return rows.map(toVisit);
  }
}
