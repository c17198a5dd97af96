import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { caseFilterSql } from 'src/access/verdict';
import { actorNameSql } from 'src/common/display-names';
import type { RequestChildResponse } from './dto/information-request.dto';
import type { RequestStatus } from './information-request.rules';
import { isoTimestampSql } from 'src/common/sql';

export interface RequestRow {
  id: string;
  caseId: string;
  discussionId: string | null;
  childIds: string[];
  recipientUserId: string | null;
  recipientAgency: string | null;
  questions: string[];
  address: string | null;
  gateway: string;
  ukGdprCondition: string;
  dueAt: string;
  status: RequestStatus;
  sentById: string;
  sentAt: string;
  acknowledgedAt: string | null;
  respondedById: string | null;
  respondedAt: string | null;
  answerText: string | null;
  nothingKnown: boolean;
  declineReason: string | null;
  recipientName: string | null;
  sentByName: string | null;
  respondedByName: string | null;
  /** Inbox only: the caller reads it as staff (else as its addressee). */
  staff?: boolean;
}

const COLUMNS = `r.id, r.case_id AS "caseId", r.discussion_id AS "discussionId",
  r.child_ids::text[] AS "childIds", r.recipient_user_id AS "recipientUserId",
  r.recipient_agency AS "recipientAgency", r.questions, r.address, r.gateway,
  r.uk_gdpr_condition AS "ukGdprCondition", ${isoTimestampSql('r.due_at')} AS "dueAt", r.status,
  r.sent_by_id AS "sentById", ${isoTimestampSql('r.sent_at')} AS "sentAt",
  ${isoTimestampSql('r.acknowledged_at')} AS "acknowledgedAt", r.responded_by_id AS "respondedById",
  ${isoTimestampSql('r.responded_at')} AS "respondedAt", r.answer_text AS "answerText",
  r.nothing_known AS "nothingKnown", r.decline_reason AS "declineReason",
  ${actorNameSql('r.recipient_user_id', 'r.local_authority_id')} AS "recipientName",
  ${actorNameSql('r.sent_by_id', 'r.local_authority_id')} AS "sentByName",
  ${actorNameSql('r.responded_by_id', 'r.local_authority_id')} AS "respondedByName"`;

/** Addressed to the caller by name. */
const toUserSql = (r: string, me: string) => `${r}.recipient_user_id = ${me}`;
/** Addressed to the caller's agency (a partner's or MACPT member's). */
const toAgencySql = (r: string, me: string) => `${r}.recipient_agency = (
            SELECT ua.agency FROM app_user ua
             WHERE ua.id = ${me} AND ua.roles && ARRAY['partner','macpt_member']::text[])`;

/** SQL: the request `r` is addressed to the caller `me` (by name, or to its agency when the
 * caller is a partner or MACPT member). Also the record's `shared` fact (record-kinds.ts). */
export function addressedToSql(r: string, me: string): string {
  return `(${toUserSql(r, me)} OR ${toAgencySql(r, me)})`;
}

/** Information requests (every method takes the LA). */
@Injectable()
export class InformationRequestRepository {
  async insert(
    m: EntityManager,
    la: string,
    v: Omit<
      RequestRow,
      | 'id'
      | 'status'
      | 'sentAt'
      | 'acknowledgedAt'
      | 'respondedById'
      | 'respondedAt'
      | 'answerText'
      | 'nothingKnown'
      | 'declineReason'
      | 'recipientName'
      | 'sentByName'
      | 'respondedByName'
    >,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO information_request (case_id, local_authority_id, discussion_id, child_ids,
              recipient_user_id, recipient_agency, questions, address, gateway, uk_gdpr_condition,
              due_at, sent_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        v.caseId,
        la,
        v.discussionId,
        v.childIds,
        v.recipientUserId,
        v.recipientAgency,
        JSON.stringify(v.questions),
        v.address,
        v.gateway,
        v.ukGdprCondition,
        v.dueAt,
        v.sentById,
      ],
    );
    return rows[0].id;
  }

  async find(m: EntityManager, la: string, id: string): Promise<RequestRow | null> {
    const rows: RequestRow[] = await m.query(
      `SELECT ${COLUMNS} FROM information_request r WHERE r.id = $1 AND r.local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  async respond(
    m: EntityManager,
    la: string,
    id: string,
    change:
      | { kind: 'acknowledge' }
      | { kind: 'answer'; by: string; text: string | null; nothingKnown: boolean }
      | { kind: 'decline'; by: string; reason: string }
      | { kind: 'withdraw' },
  ): Promise<void> {
    const [set, params] =
      change.kind === 'acknowledge'
        ? [`status = 'acknowledged', acknowledged_at = clock_timestamp()`, []]
        : change.kind === 'answer'
          ? [
              `status = 'answered', responded_at = clock_timestamp(), responded_by_id = $3,
               answer_text = $4, nothing_known = $5`,
              [change.by, change.text, change.nothingKnown],
            ]
          : change.kind === 'decline'
            ? [
                `status = 'declined', responded_at = clock_timestamp(), responded_by_id = $3,
                 decline_reason = $4`,
                [change.by, change.reason],
              ]
            : [`status = 'withdrawn', withdrawn_at = clock_timestamp()`, []];
    await m.query(
      `UPDATE information_request SET ${set} WHERE id = $1 AND local_authority_id = $2`,
      [id, la, ...params],
    );
  }

  /** Children as the addressee may see them: name, date of birth, NHS number. */
  async children(m: EntityManager, la: string, ids: string[]): Promise<RequestChildResponse[]> {
    return m.query(
      `SELECT id, first_name AS "firstName", last_name AS "lastName",
              date_of_birth::text AS "dateOfBirth", nhs_number AS "nhsNumber"
         FROM person WHERE local_authority_id = $1 AND id = ANY($2::uuid[])
        ORDER BY date_of_birth NULLS LAST, id`,
      [la, ids],
    );
  }

  /** A user of the LA a request may be addressed to (a partner or MACPT member, active). */
  async addressee(
    m: EntityManager,
    la: string,
    userId: string,
  ): Promise<{ id: string; agency: string | null } | null> {
    const rows: { id: string; agency: string | null }[] = await m.query(
      `SELECT id, agency FROM app_user
        WHERE id = $1 AND local_authority_id = $2 AND active
          AND roles && ARRAY['partner','macpt_member']::text[]`,
      [userId, la],
    );
    return rows[0] ?? null;
  }

  /**
   * The inbox: requests addressed to the caller (or its agency) and, for the ECPP and the
   * cp_manager, those on the cases they may send on (the gate's rule as SQL); `mine`: only those
   * addressed to or sent by the caller. Keyset on (due_at, id).
   */
  async inbox(
    m: EntityManager,
    la: string,
    actor: Pick<Actor, 'kind' | 'id' | 'roles' | 'scopes'>,
    q: { status?: 'open' | 'overdue' | 'answered'; mine: boolean },
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<RequestRow[]> {
    const params: unknown[] = [la, actor.id, after?.at ?? null, after?.id ?? null, limit + 1];
    const staff = caseFilterSql(actor, 'information_request.send', 'c', params);
    const staffSql = `EXISTS (SELECT 1 FROM case_record c
                        WHERE c.id = r.case_id AND c.local_authority_id = $1 AND ${staff})`;
    const addressed = addressedToSql('r', '$2::uuid');
    const status =
      q.status === 'open'
        ? `AND r.status IN ('sent','acknowledged')`
        : q.status === 'overdue'
          ? `AND r.status IN ('sent','acknowledged') AND r.due_at < clock_timestamp()`
          : q.status === 'answered'
            ? `AND r.status = 'answered'`
            : '';
    const mine = q.mine ? `AND (${addressed} OR r.sent_by_id = $2::uuid)` : '';
    // Each way a request reaches the inbox is its own page (keyset, order, limit) over its own
    // index: to the caller (ix_information_request_recipient), to the caller's agency
    // (ix_information_request_la_agency), on a case the caller may send on (from the caller's
    // cases, ix_information_request_case). The page is the first `limit` of their union. As one
    // OR, every page walked the LA's requests by due date until it found enough (docs/bench.md).
    const page = (way: string) =>
      `(SELECT r.id FROM information_request r
         WHERE r.local_authority_id = $1 AND ${way} ${status} ${mine}
           AND ($3::timestamptz IS NULL OR (r.due_at, r.id) > ($3::timestamptz, $4::uuid))
         ORDER BY r.due_at, r.id LIMIT $5)`;
    return m.query(
      `SELECT ${COLUMNS}, ${staffSql} AS staff FROM information_request r
        WHERE r.id IN (${page(toUserSql('r', '$2::uuid'))} UNION ${page(toAgencySql('r', '$2::uuid'))}
                       UNION ${page(staffSql)})
        ORDER BY r.due_at, r.id LIMIT $5`,
      params,
    );
  }
}
