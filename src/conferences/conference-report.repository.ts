import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConferenceReportResponse } from './dto/conference-report.dto';

const COLUMNS = `r.id, r.conference_id AS "conferenceId", r.agency, r.author_id AS "authorId",
  r.summary, r.recommendation, to_char(r.submitted_at AT TIME ZONE 'UTC',
  'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"`;

/** Agency reports to conferences: every query scoped by local authority. */
@Injectable()
export class ConferenceReportRepository {
  async insert(
    m: EntityManager,
    la: string,
    v: {
      conferenceId: string;
      agency: string;
      authorId: string;
      summary: string;
      recommendation: string;
    },
  ): Promise<ConferenceReportResponse | null> {
    const rows: ConferenceReportResponse[] = await m.query(
      `WITH r AS (
         INSERT INTO cp_conference_report (conference_id, local_authority_id, agency, author_id, summary, recommendation)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT uq_cp_conference_report_author DO NOTHING
         RETURNING *)
       SELECT ${COLUMNS} FROM r`,
      [v.conferenceId, la, v.agency, v.authorId, v.summary, v.recommendation],
    );
    return rows[0] ?? null;
  }

  async list(
    m: EntityManager,
    la: string,
    conferenceId: string,
  ): Promise<ConferenceReportResponse[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM cp_conference_report r
        WHERE r.local_authority_id = $1 AND r.conference_id = $2
        ORDER BY r.submitted_at, r.id`,
      [la, conferenceId],
    );
  }

  async status(m: EntityManager, la: string, conferenceId: string): Promise<string | null> {
    const rows: { status: string }[] = await m.query(
      `SELECT status FROM cp_conference WHERE local_authority_id = $1 AND id = $2`,
      [la, conferenceId],
    );
    return rows[0]?.status ?? null;
  }
}
