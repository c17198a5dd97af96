import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContactListRow } from './annex-a';
import type { EpisodeRow } from './child-facts';

/** Read-only queries behind the statutory returns, one local authority at a time. */
@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** List 1: each child of each contact received in [from, to] (London dates), oldest first. */
  async contactChildren(la: string, from: string, to: string): Promise<ContactListRow[]> {
    return this.ds.query(
      `SELECT COALESCE(p.la_person_id, p.id::text, k.id::text) AS "childId",
              COALESCE(p.sex, p.gender) AS gender, p.ethnicity,
              COALESCE(p.date_of_birth, k.date_of_birth)::text AS "dateOfBirth",
              (c.received_at AT TIME ZONE 'Europe/London')::date::text AS "contactDate", c.source
         FROM contact c JOIN contact_child k ON k.contact_id = c.id
         LEFT JOIN person p ON p.id = k.person_id
        WHERE c.local_authority_id = $1
          AND (c.received_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
        ORDER BY c.received_at, c.id, k.position`,
      [la, from, to],
    );
  }

  async laCode(la: string): Promise<string> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT code FROM local_authority WHERE id = $1`,
      [la],
    );
    return rows[0]?.code ?? '';
  }

  /**
   * The episodes of a keyset page of `limit` children (by id, after `afterPersonId`) with a case
   * open at some point in [from, to], ordered by child then case, each with the facts the
   * returns need (superseded decisions left out). Each page costs what the first does.
   */
  async episodes(
    la: string,
    from: string,
    to: string,
    afterPersonId: string | null,
    limit: number,
  ): Promise<EpisodeRow[]> {
    return this.ds.query(
      `WITH kids AS (
         SELECT p.id FROM person p
          WHERE p.local_authority_id = $1 AND p.kind = 'child'
            AND ($4::uuid IS NULL OR p.id > $4::uuid)
            AND EXISTS (SELECT 1 FROM case_child k JOIN case_record r ON r.id = k.case_id
                         WHERE k.person_id = p.id AND r.referral_date <= $3::date
                           AND (r.closed_at IS NULL
                                OR (r.closed_at AT TIME ZONE 'Europe/London')::date >= $2::date))
          ORDER BY p.id LIMIT $5
       )
       SELECT p.id AS "personId", cr.id AS "caseId", p.la_person_id AS "laPersonId",
              to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.sex, p.gender, p.ethnicity,
              to_char(cr.referral_date, 'YYYY-MM-DD') AS "referralDate",
              cr.referral_source AS "referralSource",
              to_char(cr.closed_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "closedOn",
              cr.closure_reason AS "closureReason",
              to_char(cr.assessment_completed_at, 'YYYY-MM-DD') AS "assessmentCompletedOn",
              cr.stage, t.name AS "teamName", u.name AS "workerName",
              coalesce((SELECT json_agg(json_build_object('type', d.type,
                          'date', to_char(d.effective_date, 'YYYY-MM-DD'), 'category', d.category,
                          'strategyDiscussionDate', to_char(d.strategy_discussion_date, 'YYYY-MM-DD'),
                          'conferenceDate', to_char(d.conference_date, 'YYYY-MM-DD'))
                          ORDER BY d.effective_date, d.created_at)
                          FROM decision d
                         WHERE d.case_id = cr.id AND p.id = ANY (d.child_ids)
                           AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id)),
                       '[]') AS decisions,
              coalesce((SELECT json_agg(json_build_object('kind', m.kind,
                          'date', to_char(m.held_on, 'YYYY-MM-DD')) ORDER BY m.held_on)
                          FROM case_meeting m WHERE m.case_id = cr.id), '[]') AS meetings,
              (SELECT json_build_object('date', to_char(v.visited_on, 'YYYY-MM-DD'),
                                        'seenAlone', v.seen_alone)
                 FROM case_visit v WHERE v.case_id = cr.id AND v.child_id = p.id
                ORDER BY v.visited_on DESC LIMIT 1) AS "lastVisit"
         FROM kids
         JOIN person p ON p.id = kids.id
         JOIN case_child cc ON cc.person_id = p.id
         JOIN case_record cr ON cr.id = cc.case_id
         JOIN team t ON t.id = cr.team_id
         JOIN app_user u ON u.id = cr.lead_practitioner_id
        WHERE cr.local_authority_id = $1
          AND cr.referral_date <= $3::date
          AND (cr.closed_at IS NULL OR (cr.closed_at AT TIME ZONE 'Europe/London')::date >= $2::date)
        ORDER BY p.id, cr.id`,
      [la, from, to, afterPersonId, limit],
    );
  }
}
