import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CASE_CLOSED } from 'src/case-history/case-closed';
import { conflict, notFound } from 'src/common/domain-error';
import { writeReturning } from 'src/common/sql';
import type { Stage } from 'src/case-history/case-types';

/** Queries on case_record that serialise changes to a case. Access is checked before. */
@Injectable()
export class CaseRepository {
  /**
   * Moves the case to an open stage (the effect of a decision or a reopening) and bumps its
   * version. Closing goes through `close` (it needs a reason).
   */
  async setStage(
    manager: EntityManager,
    la: string,
    caseId: string,
    stage: Stage,
  ): Promise<number> {
    if (stage === 'closed') throw new Error('setStage cannot close a case; use close()');
    const rows = await writeReturning<{ version: number }>(
      manager,
      `UPDATE case_record SET stage = $2, closed_at = NULL, closure_reason = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND local_authority_id = $3 RETURNING version`,
      [caseId, stage, la],
    );
    if (!rows[0]) throw notFound('Case');
    return rows[0].version;
  }

  /** Closes an open case with a CIN closure reason; bumps its version. */
  async close(manager: EntityManager, la: string, caseId: string, reason: string): Promise<number> {
    const rows = await writeReturning<{ version: number }>(
      manager,
      `UPDATE case_record SET stage = 'closed', closed_at = now(), closure_reason = $2,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND local_authority_id = $3 AND stage <> 'closed' RETURNING version`,
      [caseId, reason, la],
    );
    if (!rows[0]) throw conflict(CASE_CLOSED.code, CASE_CLOSED.detail);
    return rows[0].version;
  }

  /** The current referral and the last closure (its date in England) of a case. */
  async referralAndClosure(
    manager: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{
    referralDate: string;
    referralSource: string;
    closedOn: string | null;
    closureReason: string | null;
  }> {
    const rows: {
      referral_date: string;
      referral_source: string;
      closed_on: string | null;
      closure_reason: string | null;
    }[] = await manager.query(
      `SELECT c.referral_date::text AS referral_date, c.referral_source, c.closure_reason,
              (SELECT COALESCE(e.data->>'closedOn', (e.at AT TIME ZONE 'Europe/London')::date::text)
                 FROM case_event e
                WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id
                  AND e.type = 'case_closed'
                ORDER BY e.at DESC, e.id DESC LIMIT 1) AS closed_on
         FROM case_record c WHERE c.id = $1 AND c.local_authority_id = $2`,
      [caseId, la],
    );
    if (!rows[0]) throw notFound('Case');
    return {
      referralDate: rows[0].referral_date,
      referralSource: rows[0].referral_source,
      closedOn: rows[0].closed_on,
      closureReason: rows[0].closure_reason,
    };
  }

  /**
   * Records a new referral on a reopened case: the assessment clock restarts (the earlier
   * referral, its assessment and closure stay in the timeline and the audit trail).
   */
  async setReferral(
    manager: EntityManager,
    la: string,
    caseId: string,
    date: string,
    source: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE case_record SET referral_date = $2, referral_source = $3,
              assessment_completed_at = NULL, updated_at = now()
        WHERE id = $1 AND local_authority_id = $4`,
      [caseId, date, source, la],
    );
  }

  /** Bumps the version (a change to something the case's ETag covers). */
  async touch(manager: EntityManager, la: string, caseId: string): Promise<number> {
    const rows = await writeReturning<{ version: number }>(
      manager,
      `UPDATE case_record SET version = version + 1, updated_at = now()
        WHERE id = $1 AND local_authority_id = $2 RETURNING version`,
      [caseId, la],
    );
    return rows[0]?.version ?? 0;
  }
}
