import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorNameSql } from 'src/common/display-names';
import { writeReturning, isoTimestampSql } from 'src/common/sql';
import type { NetworkPlanReviewResponse } from './dto/common.dto';
import type { AgreementResponse } from './dto/family-network-plan.dto';
import type { PlanCarer, SupportPackage } from './family-network-plan-version.entity';
import type { AgreementRole, FnpStatus } from './plan-rules';

export interface FnpHead {
  id: string;
  caseId: string;
  status: FnpStatus;
  currentVersion: number;
  agreedVersion: number | null;
  childIds: string[];
  nextReviewDate: string;
  draftedOn: string | null;
  activatedAt: string | null;
  endedAt: string | null;
  version: number;
}

export interface FnpVersionRow {
  number: number;
  childIds: string[];
  carers: PlanCarer[];
  supportPackage: SupportPackage;
  reviewDate: string;
  createdById: string;
  createdByName: string | null;
  createdAt: string;
}

export interface NetworkMemberRow {
  id: string;
  firstName: string;
  lastName: string;
  relationship: string;
}

const HEAD_COLUMNS = `id, case_id AS "caseId", status, current_version AS "currentVersion",
  agreed_version AS "agreedVersion", child_ids::text[] AS "childIds", next_review_date::text AS "nextReviewDate",
  drafted_on::text AS "draftedOn",
  ${isoTimestampSql('activated_at')} AS "activatedAt", ${isoTimestampSql('ended_at')} AS "endedAt", version`;

const VERSION_COLUMNS = `number, child_ids::text[] AS "childIds", carers,
  support_package AS "supportPackage", review_date::text AS "reviewDate",
  created_by_id AS "createdById",
  ${actorNameSql(
    'family_network_plan_version.created_by_id',
    `(SELECT dnp.local_authority_id FROM family_network_plan dnp
       WHERE dnp.id = family_network_plan_version.plan_id)`,
  )} AS "createdByName",
  ${isoTimestampSql('created_at')} AS "createdAt"`;

const REVIEW_COLUMNS = `id, reviewed_on::text AS "reviewedOn", summary,
  next_review_date::text AS "nextReviewDate", recorded_by_id AS "recordedById",
  ${actorNameSql(
    'family_network_plan_review.recorded_by_id',
    `(SELECT dnp.local_authority_id FROM family_network_plan dnp WHERE dnp.id = family_network_plan_review.plan_id)`,
  )} AS "recordedByName",
  ${isoTimestampSql('recorded_at')} AS "recordedAt"`;

/** Family Network Plans, their versions, agreements and reviews (tenancy on the plan row). */
@Injectable()
export class FamilyNetworkPlanRepository {
  async insertPlan(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      childIds: string[];
      nextReviewDate: string;
      draftedOn: string;
      createdById: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO family_network_plan
         (case_id, local_authority_id, child_ids, next_review_date, drafted_on, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [v.caseId, la, v.childIds, v.nextReviewDate, v.draftedOn, v.createdById],
    );
    return rows[0].id;
  }

  async insertVersion(
    m: EntityManager,
    planId: string,
    v: Omit<FnpVersionRow, 'createdAt' | 'createdByName'>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO family_network_plan_version
         (plan_id, number, child_ids, carers, support_package, review_date, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        planId,
        v.number,
        v.childIds,
        JSON.stringify(v.carers),
        JSON.stringify(v.supportPackage),
        v.reviewDate,
        v.createdById,
      ],
    );
  }

  async head(m: EntityManager, la: string, id: string): Promise<FnpHead | null> {
    const rows: FnpHead[] = await m.query(
      `SELECT ${HEAD_COLUMNS} FROM family_network_plan WHERE id = $2 AND local_authority_id = $1`,
      [la, id],
    );
    return rows[0] ?? null;
  }

  async listForCase(m: EntityManager, la: string, caseId: string): Promise<FnpHead[]> {
    return m.query(
      `SELECT ${HEAD_COLUMNS} FROM family_network_plan
        WHERE case_id = $2 AND local_authority_id = $1 ORDER BY created_at, id`,
      [la, caseId],
    );
  }

  /** Sets status and other columns if the row is still at `version`; false when stale. */
  async update(
    m: EntityManager,
    la: string,
    id: string,
    version: number,
    set: {
      status?: FnpStatus;
      currentVersion?: number;
      agreedVersion?: number;
      childIds?: string[];
      nextReviewDate?: string;
      activated?: boolean;
      endReason?: string;
    },
  ): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE family_network_plan SET
          status = COALESCE($4, status),
          current_version = COALESCE($5, current_version),
          child_ids = COALESCE($6::uuid[], child_ids),
          next_review_date = COALESCE($7::date, next_review_date),
          activated_at = CASE WHEN $8 THEN clock_timestamp() ELSE activated_at END,
          ended_at = CASE WHEN $9::text IS NOT NULL THEN clock_timestamp() ELSE ended_at END,
          end_reason = COALESCE($9, end_reason),
          agreed_version = COALESCE($10, agreed_version),
          version = version + 1, updated_at = clock_timestamp()
        WHERE id = $2 AND local_authority_id = $1 AND version = $3 RETURNING id`,
      [
        la,
        id,
        version,
        set.status ?? null,
        set.currentVersion ?? null,
        set.childIds ?? null,
        set.nextReviewDate ?? null,
        !!set.activated,
        set.endReason ?? null,
        set.agreedVersion ?? null,
      ],
    );
    return rows.length === 1;
  }

  async versions(m: EntityManager, planId: string): Promise<FnpVersionRow[]> {
    return m.query(
      `SELECT ${VERSION_COLUMNS} FROM family_network_plan_version WHERE plan_id = $1 ORDER BY number`,
      [planId],
    );
  }

  async version(m: EntityManager, planId: string, n: number): Promise<FnpVersionRow | null> {
    const rows: FnpVersionRow[] = await m.query(
      `SELECT ${VERSION_COLUMNS} FROM family_network_plan_version WHERE plan_id = $1 AND number = $2`,
      [planId, n],
    );
    return rows[0] ?? null;
  }

  async agreements(m: EntityManager, planId: string): Promise<AgreementResponse[]> {
    return m.query(
      `SELECT a.role, a.version_number AS "versionNumber", a.agreed_by_id AS "agreedById",
              ${actorNameSql('a.agreed_by_id', 'p.local_authority_id')} AS "agreedByName",
              ${isoTimestampSql('a.agreed_at')} AS "agreedAt"
         FROM family_network_plan_agreement a JOIN family_network_plan p ON p.id = a.plan_id
        WHERE a.plan_id = $1 ORDER BY a.agreed_at, a.id`,
      [planId],
    );
  }

  async insertAgreement(
    m: EntityManager,
    planId: string,
    versionNumber: number,
    role: AgreementRole,
    agreedById: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO family_network_plan_agreement (plan_id, version_number, role, agreed_by_id)
       VALUES ($1, $2, $3, $4)`,
      [planId, versionNumber, role, agreedById],
    );
  }

  async insertReview(
    m: EntityManager,
    planId: string,
    v: {
      dueDate: string;
      reviewedOn: string;
      summary: string;
      nextReviewDate: string | null;
      recordedById: string;
    },
  ): Promise<NetworkPlanReviewResponse> {
    const rows: NetworkPlanReviewResponse[] = await m.query(
      `INSERT INTO family_network_plan_review
         (plan_id, due_date, reviewed_on, summary, next_review_date, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${REVIEW_COLUMNS}`,
      [planId, v.dueDate, v.reviewedOn, v.summary, v.nextReviewDate, v.recordedById],
    );
    return rows[0];
  }

  async reviews(m: EntityManager, planId: string): Promise<NetworkPlanReviewResponse[]> {
    return m.query(
      `SELECT ${REVIEW_COLUMNS} FROM family_network_plan_review WHERE plan_id = $1
        ORDER BY reviewed_on, recorded_at, id`,
      [planId],
    );
  }

  /** Network members of the case's family, by id (names from `person`). */
  async networkMembers(
    m: EntityManager,
    la: string,
    caseId: string,
    ids: readonly string[],
  ): Promise<NetworkMemberRow[]> {
    if (!ids.length) return [];
    return m.query(
      `SELECT n.id, p.first_name AS "firstName", p.last_name AS "lastName", n.relationship
         FROM family_network_member n
         JOIN person p ON p.id = n.person_id
         JOIN case_record c ON c.family_id = n.family_id
        WHERE c.id = $2 AND n.local_authority_id = $1 AND n.id = ANY($3::uuid[])`,
      [la, caseId, ids],
    );
  }
}
