import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LegalGatewayResponse, PreProceedingsMeetingResponse } from './dto/meetings.dto';

const GATEWAY = `id, case_id AS "caseId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn",
  chair_id AS "chairId", legal_adviser AS "legalAdviser", decision, rationale`;
const PP = `id, case_id AS "caseId", kind, to_char(held_on, 'YYYY-MM-DD') AS "heldOn", attendees,
  parents_represented AS "parentsRepresented"`;

/** Queries on legal_gateway_meeting and pre_proceedings_meeting (the LA first). */
@Injectable()
export class LegalGatewayRepository {
  async insertGateway(
    m: EntityManager,
    la: string,
    g: Omit<LegalGatewayResponse, 'id'> & { recordedById: string },
  ): Promise<LegalGatewayResponse> {
    const rows: LegalGatewayResponse[] = await m.query(
      `INSERT INTO legal_gateway_meeting (local_authority_id, case_id, held_on, chair_id,
                                          legal_adviser, decision, rationale, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${GATEWAY}`,
      [la, g.caseId, g.heldOn, g.chairId, g.legalAdviser, g.decision, g.rationale, g.recordedById],
    );
    return rows[0];
  }

  async findGateway(
    m: EntityManager,
    la: string,
    caseId: string,
    id: string,
  ): Promise<LegalGatewayResponse | null> {
    const rows: LegalGatewayResponse[] = await m.query(
      `SELECT ${GATEWAY} FROM legal_gateway_meeting
        WHERE id = $1 AND case_id = $2 AND local_authority_id = $3`,
      [id, caseId, la],
    );
    return rows[0] ?? null;
  }

  async gatewaysOfCase(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<LegalGatewayResponse[]> {
    return m.query(
      `SELECT ${GATEWAY} FROM legal_gateway_meeting WHERE case_id = $1 AND local_authority_id = $2
        ORDER BY held_on, id`,
      [caseId, la],
    );
  }

  async insertMeeting(
    m: EntityManager,
    la: string,
    p: Omit<PreProceedingsMeetingResponse, 'id'> & { recordedById: string },
  ): Promise<PreProceedingsMeetingResponse> {
    const rows: PreProceedingsMeetingResponse[] = await m.query(
      `INSERT INTO pre_proceedings_meeting (local_authority_id, case_id, kind, held_on, attendees,
                                            parents_represented, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PP}`,
      [la, p.caseId, p.kind, p.heldOn, p.attendees, p.parentsRepresented, p.recordedById],
    );
    return rows[0];
  }

  async meetingsOfCase(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<PreProceedingsMeetingResponse[]> {
    return m.query(
      `SELECT ${PP} FROM pre_proceedings_meeting WHERE case_id = $1 AND local_authority_id = $2
        ORDER BY held_on, id`,
      [caseId, la],
    );
  }

  /** The letter before proceedings of the episode started on `startedOn`, if sent. */
  async letterSentOn(
    m: EntityManager,
    la: string,
    caseId: string,
    startedOn: string,
  ): Promise<string | null> {
    const rows: { sentOn: string }[] = await m.query(
      `SELECT to_char(sent_on, 'YYYY-MM-DD') AS "sentOn" FROM letter_before_proceedings
        WHERE case_id = $1 AND local_authority_id = $2 AND pre_proceedings_started_on = $3`,
      [caseId, la, startedOn],
    );
    return rows[0]?.sentOn ?? null;
  }

  async insertDetail(
    m: EntityManager,
    la: string,
    d: {
      decisionId: string;
      caseId: string;
      legalGatewayId: string | null;
      issuedOn: string | null;
      court: string | null;
      courtCaseNumber: string | null;
      outcome: string | null;
      concludedOn: string | null;
      orders: string[] | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO proceedings_decision_detail (decision_id, case_id, local_authority_id,
                                               legal_gateway_id, issued_on, court, court_case_number,
                                               outcome, concluded_on, orders)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        d.decisionId,
        d.caseId,
        la,
        d.legalGatewayId,
        d.issuedOn,
        d.court,
        d.courtCaseNumber,
        d.outcome,
        d.concludedOn,
        d.orders,
      ],
    );
  }

  /** The day the case's current application was issued: the latest live (not superseded)
   * `apply_for_care_proceedings`, its own `issuedOn` or, for a correction without one, the
   * decision's date; null when none. */
  async issuedOn(m: EntityManager, la: string, caseId: string): Promise<string | null> {
    const rows: { issuedOn: string }[] = await m.query(
      `SELECT coalesce(p.issued_on, d.effective_date)::text AS "issuedOn"
         FROM decision d
         LEFT JOIN proceedings_decision_detail p ON p.decision_id = d.id
        WHERE d.local_authority_id = $1 AND d.case_id = $2
          AND d.type = 'apply_for_care_proceedings'
          AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id)
        ORDER BY d.effective_date DESC, d.created_at DESC
        LIMIT 1`,
      [la, caseId],
    );
    return rows[0]?.issuedOn ?? null;
  }
}
