import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CASE_CLOSED } from 'src/case-history/case-closed';
import { conflict, notFound } from 'src/common/domain-error';
import { writeReturning } from 'src/common/sql';
import type { Stage } from 'src/case-history/case-types';
import type { ClosureReason, PrimaryNeed } from './cin-codes';

/** A case episode as the case response lists it. */
export interface EpisodeView {
  seq: number;
  referralDate: string;
  referralSource: string;
  closedOn: string | null;
  closureReason: ClosureReason | null;
  primaryNeedAtClosure: PrimaryNeed | null;
  closed: boolean;
}

/** The columns of an `EpisodeView` over `case_episode e`. */
export const EPISODE_JSON_FIELDS = `e.seq, e.referral_date::text AS "referralDate",
  e.referral_source AS "referralSource", e.closed, e.closed_on::text AS "closedOn",
  e.closure_reason AS "closureReason", e.primary_need_at_closure AS "primaryNeedAtClosure"`;

/** Queries on case_record that serialise changes to a case. Access is checked before. */
@Injectable()
export class CaseRepository {
  /** Writes a new case of the LA and its children; returns its id. Checked before (CaseOpening). */
  async insert(
    manager: EntityManager,
    la: string,
    c: {
      familyId: string;
      teamId: string;
      leadPractitionerId: string;
      referral: { date: string; source: string };
      restricted: boolean;
      childIds: string[];
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_record (local_authority_id, family_id, team_id, lead_practitioner_id,
                                referral_date, referral_source, restricted)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        la,
        c.familyId,
        c.teamId,
        c.leadPractitionerId,
        c.referral.date,
        c.referral.source,
        c.restricted,
      ],
    );
    const caseId = rows[0].id;
    await manager.query(
      `INSERT INTO case_child (case_id, person_id) SELECT $1, unnest($2::uuid[])`,
      [caseId, c.childIds],
    );
    return caseId;
  }

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

  /**
   * Closes an open case and its open episode: the CIN reason, the date the practitioner gave
   * (`closedOn`, never the day it is typed) and the primary need at closure (when recorded).
   * Bumps the case's version. The one writer of a closure (proposals authorised elsewhere call it).
   */
  async close(
    manager: EntityManager,
    la: string,
    caseId: string,
    closure: { reason: ClosureReason; closedOn: string; primaryNeed: PrimaryNeed | null },
  ): Promise<number> {
    const rows = await writeReturning<{ version: number }>(
      manager,
      `UPDATE case_record SET stage = 'closed', closed_at = now(), closure_reason = $2,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND local_authority_id = $3 AND stage <> 'closed' RETURNING version`,
      [caseId, closure.reason, la],
    );
    if (!rows[0]) throw conflict(CASE_CLOSED.code, CASE_CLOSED.detail);
    await manager.query(
      `UPDATE case_episode SET closed = true, closed_on = $3, closure_reason = $4,
              primary_need_at_closure = $5
        WHERE case_id = $1 AND local_authority_id = $2 AND NOT closed`,
      [caseId, la, closure.closedOn, closure.reason, closure.primaryNeed],
    );
    return rows[0].version;
  }

  /** The case's episodes (referral → closure), oldest first. */
  async episodes(manager: EntityManager, la: string, caseId: string): Promise<EpisodeView[]> {
    return manager.query(
      `SELECT ${EPISODE_JSON_FIELDS} FROM case_episode e
        WHERE e.case_id = $1 AND e.local_authority_id = $2 ORDER BY e.seq`,
      [caseId, la],
    );
  }

  /** The current referral and the last closure of a case (from its episodes). */
  /** The case's live `conclude_care_proceedings` decisions: the children and orders made. */
  async concludedOrders(
    manager: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{ childIds: string[]; orders: string[] }[]> {
    return manager.query(
      `SELECT d.child_ids::text[] AS "childIds", pd.orders AS "orders"
         FROM decision d JOIN proceedings_decision_detail pd ON pd.decision_id = d.id
        WHERE d.case_id = $1 AND d.local_authority_id = $2
          AND d.type = 'conclude_care_proceedings' AND pd.orders IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM decision sup WHERE sup.supersedes_id = d.id)`,
      [caseId, la],
    );
  }

  async referralAndClosure(
    manager: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{
    referralDate: string;
    referralSource: string;
    closedOn: string | null;
    closureReason: string | null;
    cinPlanStartedOn: string | null;
  }> {
    const rows: {
      referral_date: string;
      referral_source: string;
      closed_on: string | null;
      closure_reason: string | null;
      cin_plan_started_on: string | null;
    }[] = await manager.query(
      `SELECT c.referral_date::text AS referral_date, c.referral_source, c.closure_reason,
              (SELECT e.closed_on::text FROM case_episode e
                WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id AND e.closed
                ORDER BY e.seq DESC LIMIT 1) AS closed_on,
              (SELECT e.cin_plan_started_on::text FROM case_episode e
                WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id AND NOT e.closed
                LIMIT 1) AS cin_plan_started_on
         FROM case_record c WHERE c.id = $1 AND c.local_authority_id = $2`,
      [caseId, la],
    );
    if (!rows[0]) throw notFound('Case');
    return {
      referralDate: rows[0].referral_date,
      referralSource: rows[0].referral_source,
      closedOn: rows[0].closed_on,
      closureReason: rows[0].closure_reason,
      cinPlanStartedOn: rows[0].cin_plan_started_on,
    };
  }

  /**
   * Records a new referral on a reopened case and starts its next episode: the assessment clock
   * restarts (the earlier episode, its assessment and closure stay in `case_episode`, the
   * timeline and the audit trail).
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
    // A referral on an open case (the front door's) is the open episode's referral; on a
    // reopened case it starts the next episode.
    await manager.query(
      `UPDATE case_episode SET referral_date = $3, referral_source = $4
        WHERE case_id = $2 AND local_authority_id = $1 AND NOT closed`,
      [la, caseId, date, source],
    );
    await manager.query(
      `INSERT INTO case_episode (local_authority_id, case_id, seq, referral_date, referral_source)
       SELECT $1, $2, max(seq) + 1, $3, $4 FROM case_episode WHERE case_id = $2
       HAVING bool_and(closed)`,
      [la, caseId, date, source],
    );
  }

  /** Sets the case's lead practitioner and restriction (`PATCH /cases/:id`), bumping its version. */
  async setLeadAndRestricted(
    manager: EntityManager,
    la: string,
    caseId: string,
    leadPractitionerId: string,
    restricted: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE case_record SET lead_practitioner_id = $2, restricted = $3, version = version + 1,
              updated_at = now() WHERE id = $1 AND local_authority_id = $4`,
      [caseId, leadPractitionerId, restricted, la],
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

  /** Whether an ECPP was ever assigned to the case (an assignment, current or ended). */
  async everCoWorked(m: EntityManager, la: string, caseId: string): Promise<boolean> {
    const rows: { yes: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM case_co_worker w JOIN case_record c ON c.id = w.case_id
                       WHERE w.case_id = $1 AND c.local_authority_id = $2) AS yes`,
      [caseId, la],
    );
    return rows[0]?.yes === true;
  }
}
