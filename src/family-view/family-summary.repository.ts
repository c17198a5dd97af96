import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FamilyPlanType } from './family-view-rules';

export interface SummaryRecord {
  id: string;
  caseId: string;
  planType: FamilyPlanType;
  planId: string;
  planVersion: number;
  sections: Record<string, unknown>;
  language: string;
  status: 'draft' | 'published';
  createdById: string;
  createdAt: string;
  publishedById: string | null;
  publishedAt: string | null;
}

const SUMMARY = `s.id, s.case_id AS "caseId", s.plan_type AS "planType", s.plan_id AS "planId",
  s.plan_version AS "planVersion", s.sections, s.language, s.status,
  s.created_by_id AS "createdById", s.created_at AS "createdAt",
  s.published_by_id AS "publishedById", s.published_at AS "publishedAt"`;

/** Family summaries, plans in force, decision explanations and the family's responses; the LA
 * comes first. */
@Injectable()
export class FamilySummaryRepository {
  /**
   * The version in force of each plan of the case that a family summary can describe: the
   * Family Help plan's version, a Family Network Plan's agreed version (agreed or active plans),
   * an active Child Community Safety Plan's version, and each live child-protection plan (the
   * start decision, not superseded, with no plan end after it) as version 1.
   */
  async plansInForce(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{ planType: FamilyPlanType; planId: string; version: number }[]> {
    return m.query(
      `SELECT 'family_help_plan' AS "planType", p.id AS "planId", p.version
         FROM family_help_plan p WHERE p.local_authority_id = $1 AND p.case_id = $2
       UNION ALL
       SELECT 'family_network_plan', f.id, f.agreed_version FROM family_network_plan f
        WHERE f.local_authority_id = $1 AND f.case_id = $2 AND f.agreed_version IS NOT NULL
          AND f.status IN ('agreed', 'active')
       UNION ALL
       SELECT 'community_safety_plan', s.id, s.version FROM community_safety_plan s
        WHERE s.local_authority_id = $1 AND s.case_id = $2 AND s.status = 'active'
       UNION ALL
       SELECT 'cp_plan', d.id, 1 FROM decision d
        WHERE d.local_authority_id = $1 AND d.case_id = $2
          AND d.type = 'start_child_protection_plan'
          AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.supersedes_id = d.id)
          AND NOT EXISTS (SELECT 1 FROM decision e WHERE e.case_id = d.case_id
                            AND e.type = 'end_child_protection_plan'
                            AND NOT EXISTS (SELECT 1 FROM decision y WHERE y.supersedes_id = e.id)
                            AND e.effective_date >= d.effective_date)`,
      [la, caseId],
    );
  }

  async insertSummary(
    m: EntityManager,
    s: {
      la: string;
      caseId: string;
      planType: FamilyPlanType;
      planId: string;
      version: number;
      sections: object;
      language: string;
      by: string;
    },
  ): Promise<SummaryRecord> {
    const [{ id }] = await m.query(
      `INSERT INTO family_summary (local_authority_id, case_id, plan_type, plan_id, plan_version,
                                   sections, language, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [s.la, s.caseId, s.planType, s.planId, s.version, s.sections, s.language, s.by],
    );
    return (await this.findSummary(m, s.la, id))!;
  }

  async findSummary(m: EntityManager, la: string, id: string, lock = false) {
    const [row] = await m.query(
      `SELECT ${SUMMARY} FROM family_summary s WHERE s.local_authority_id = $1 AND s.id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [la, id],
    );
    return (row as SummaryRecord | undefined) ?? null;
  }

  async listSummaries(m: EntityManager, la: string, caseId: string): Promise<SummaryRecord[]> {
    return m.query(
      `SELECT ${SUMMARY} FROM family_summary s
        WHERE s.local_authority_id = $1 AND s.case_id = $2 ORDER BY s.created_at, s.id`,
      [la, caseId],
    );
  }

  async publishSummary(m: EntityManager, la: string, id: string, by: string): Promise<void> {
    await m.query(
      `UPDATE family_summary SET status = 'published', published_by_id = $3,
              published_at = clock_timestamp()
        WHERE local_authority_id = $1 AND id = $2`,
      [la, id, by],
    );
  }

  async insertExplanation(
    m: EntityManager,
    e: { la: string; caseId: string; decisionId: string; text: string; by: string },
  ) {
    const [row] = await m.query(
      `INSERT INTO decision_explanation (local_authority_id, case_id, decision_id, text,
                                         written_by_id)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, decision_id AS "decisionId", text, written_by_id AS "writtenById",
                 written_at AS "writtenAt"`,
      [e.la, e.caseId, e.decisionId, e.text, e.by],
    );
    return row as {
      id: string;
      decisionId: string;
      text: string;
      writtenById: string;
      writtenAt: string;
    };
  }

  /** The case's decisions that have an explanation for the family (the latest of each); never
   * the rationale. */
  async explainedDecisions(m: EntityManager, la: string, caseId: string) {
    return (await m.query(
      `SELECT DISTINCT ON (d.id) d.id AS "decisionId", d.type, d.effective_date::text AS "effectiveDate",
              e.text AS explanation, e.written_at AS "explainedAt"
         FROM decision d JOIN decision_explanation e ON e.decision_id = d.id
        WHERE d.local_authority_id = $1 AND d.case_id = $2
          AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.supersedes_id = d.id)
        ORDER BY d.id, e.written_at DESC`,
      [la, caseId],
    )) as {
      decisionId: string;
      type: string;
      effectiveDate: string;
      explanation: string;
      explainedAt: string;
    }[];
  }

  async insertResponse(
    m: EntityManager,
    r: {
      la: string;
      caseId: string;
      grantId: string;
      userId: string;
      summaryId: string | null;
      decisionId: string | null;
      agrees: boolean | null;
      text: string;
    },
  ) {
    const [row] = await m.query(
      `INSERT INTO family_response (local_authority_id, case_id, grant_id, user_id, summary_id,
                                    decision_id, agrees, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, summary_id AS "summaryId", decision_id AS "decisionId", agrees, text,
                 recorded_at AS "recordedAt"`,
      [r.la, r.caseId, r.grantId, r.userId, r.summaryId, r.decisionId, r.agrees, r.text],
    );
    return row as FamilyResponseRow;
  }

  async listResponses(m: EntityManager, la: string, caseId: string) {
    return (await m.query(
      `SELECT f.id, f.summary_id AS "summaryId", f.decision_id AS "decisionId", f.agrees, f.text,
              f.recorded_at AS "recordedAt", g.person_id AS "personId",
              p.first_name || ' ' || p.last_name AS "personName"
         FROM family_response f
         JOIN family_access_grant g ON g.id = f.grant_id
         JOIN person p ON p.id = g.person_id
        WHERE f.local_authority_id = $1 AND f.case_id = $2 ORDER BY f.recorded_at, f.id`,
      [la, caseId],
    )) as (FamilyResponseRow & { personId: string; personName: string })[];
  }
}

export interface FamilyResponseRow {
  id: string;
  summaryId: string | null;
  decisionId: string | null;
  agrees: boolean | null;
  text: string;
  recordedAt: string;
}
