import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { caseAccess } from 'src/access/case-access.rules';
import { AuditedDenial } from 'src/access/denial-audit.interceptor';
import type { Agency } from 'src/access/roles';
import type { Stage } from 'src/case-history/case-types';
import { forbidden, notFound } from 'src/common/domain-error';
import type { SharedRecordType } from './information-sharing-record.entity';
import { PlanAction, PlanFacts, isStaffReader, planVerdict } from './plan-access.rules';

/** What a plan endpoint acts on: a case (creating a record on it), a shared record, or an
 * action of a safety plan. */
export type PlanTarget =
  | { type: 'case'; id: string }
  | { type: SharedRecordType; id: string }
  | { type: 'community_safety_plan_action'; id: string; planId: string };

/** What the plan services need to know once access is granted. */
export interface PlanContext {
  caseId: string;
  localAuthorityId: string;
  teamId: string;
  leadPractitionerId: string;
  stage: Stage;
  /** All children of the case. */
  caseChildIds: string[];
  /** The children of the record (a case target: the case's). */
  childIds: string[];
  /** The caller's relation to the case (staff). */
  relation: { isLead: boolean; isTeamMember: boolean; isCoWorker: boolean };
  /** The caller sees the record through a share (a partner): give it the partner view. */
  viaShare: { shareId: string; agency: Agency } | null;
}

interface FactsRow {
  case_id: string;
  local_authority_id: string;
  team_id: string;
  lead_practitioner_id: string;
  stage: Stage;
  restricted: boolean;
  case_child_ids: string[];
  record_child_ids: string[] | null;
  action_agency: Agency | null;
  team_member: boolean;
  co_worker: boolean;
  share_id: string | null;
  share_agency: Agency | null;
}

/** The record, its case and the record the caller's share would be on. $1 id, $2 LA, $4 plan. */
const RECORD_SQL: Record<PlanTarget['type'], string> = {
  case: `SELECT $1::uuid AS case_id, NULL::uuid[] AS child_ids, NULL::text AS share_type,
                NULL::uuid AS share_record_id, NULL::text AS action_agency`,
  fgdm_meeting: `SELECT case_id, child_ids, 'fgdm_meeting' AS share_type, id AS share_record_id,
                        NULL::text AS action_agency
                   FROM fgdm_meeting WHERE id = $1 AND local_authority_id = $2`,
  family_network_plan: `SELECT case_id, child_ids, 'family_network_plan' AS share_type,
                               id AS share_record_id, NULL::text AS action_agency
                          FROM family_network_plan WHERE id = $1 AND local_authority_id = $2`,
  community_safety_plan: `SELECT case_id, ARRAY[child_id] AS child_ids,
                                 'community_safety_plan' AS share_type, id AS share_record_id,
                                 NULL::text AS action_agency
                            FROM community_safety_plan WHERE id = $1 AND local_authority_id = $2`,
  community_safety_plan_action: `SELECT p.case_id, ARRAY[p.child_id] AS child_ids,
                                        'community_safety_plan' AS share_type,
                                        p.id AS share_record_id, a.agency AS action_agency
                                   FROM community_safety_plan_action a
                                   JOIN community_safety_plan p ON p.id = a.plan_id
                                  WHERE a.id = $1 AND p.id = $4 AND p.local_authority_id = $2`,
};

/** One query: the record, its case, the caller's relation to the case, and the caller's share. */
function factsSql(type: PlanTarget['type'], lock: boolean): string {
  return `WITH rec AS (${RECORD_SQL[type]})
    SELECT c.id AS case_id, c.local_authority_id, c.team_id, c.lead_practitioner_id, c.stage,
           c.restricted, rec.child_ids::text[] AS record_child_ids, rec.action_agency,
           ARRAY(SELECT cc.person_id::text FROM case_child cc WHERE cc.case_id = c.id
                  ORDER BY cc.person_id) AS case_child_ids,
           EXISTS (SELECT 1 FROM team_member tm
                    WHERE tm.team_id = c.team_id AND tm.user_id = $3) AS team_member,
           EXISTS (SELECT 1 FROM case_co_worker w
                    WHERE w.case_id = c.id AND w.user_id = $3 AND w.ended_at IS NULL) AS co_worker,
           s.id AS share_id, s.agency AS share_agency
      FROM rec
      JOIN case_record c ON c.id = rec.case_id AND c.local_authority_id = $2
      LEFT JOIN information_sharing_record s
             ON s.record_type = rec.share_type AND s.record_id = rec.share_record_id
            AND s.with_user_id = $3 AND s.ended_at IS NULL
            AND s.local_authority_id = $2${lock ? '\n       FOR UPDATE OF c' : ''}`;
}

const NOT_FOUND_NAME: Record<PlanTarget['type'], string> = {
  case: 'Case',
  fgdm_meeting: 'FGDM meeting',
  family_network_plan: 'Family Network Plan',
  community_safety_plan: 'Community safety plan',
  community_safety_plan_action: 'Action',
};

/**
 * Record-level access for plans, FGDM meetings and their shares: the facts in one query, the
 * verdict from the pure table (`plan-access.rules.ts`). A record the caller may not see is a
 * 404; a visible record the caller may not change is a 403. Denials on existing records are
 * audited (after the transaction rolls back).
 */
@Injectable()
export class PlanAccessService {
  /**
   * The context if `actor` may `action` the target, else a 404/403 DomainError. With `lock`,
   * the case row is locked for the rest of `m`'s transaction (serialises writers of the case).
   */
  async require(
    m: EntityManager,
    actor: Actor,
    target: PlanTarget,
    action: PlanAction,
    opts: { lock?: boolean } = {},
  ): Promise<PlanContext> {
    const la = actor.localAuthorityId;
    const what = NOT_FOUND_NAME[target.type];
    if (!la || actor.kind !== 'user') throw notFound(what);
    const planId = target.type === 'community_safety_plan_action' ? target.planId : null;
    const rows: FactsRow[] = await m.query(factsSql(target.type, !!opts.lock), [
      target.id,
      la,
      actor.id,
      ...(planId ? [planId] : []),
    ]);
    const row = rows[0];
    if (!row) throw notFound(what);
    const isLead = row.lead_practitioner_id === actor.id;
    const caseFacts = {
      sameLa: true,
      restricted: row.restricted,
      isLead,
      isActiveCoWorker: row.co_worker,
      isTeamMember: row.team_member,
    };
    const share = row.share_id && row.share_agency ? { agency: row.share_agency } : null;
    const facts: PlanFacts = {
      caseReadable: caseAccess(actor, caseFacts, 'read') === 'allowed',
      isLead,
      isTeamMember: row.team_member,
      isCoWorker: row.co_worker,
      share,
      actionAgency: row.action_agency,
    };
    const verdict = planVerdict(actor, action, facts);
    const childIds = row.record_child_ids ?? row.case_child_ids;
    if (verdict !== 'allowed') {
      const error = verdict === 'forbidden' ? forbidden(denialMessage(action)) : notFound(what);
      throw new AuditedDenial(error, {
        actor,
        action: `${target.type}.${action}`,
        recordType: target.type,
        recordId: target.id,
        childIds,
        outcome: 'denied',
        reason: verdict === 'forbidden' ? 'not permitted on this record' : 'not visible to caller',
      });
    }
    return {
      caseId: row.case_id,
      localAuthorityId: row.local_authority_id,
      teamId: row.team_id,
      leadPractitionerId: row.lead_practitioner_id,
      stage: row.stage,
      caseChildIds: row.case_child_ids,
      childIds,
      relation: { isLead, isTeamMember: row.team_member, isCoWorker: row.co_worker },
      viaShare:
        row.share_id && !isStaffReader(actor, facts)
          ? { shareId: row.share_id, agency: row.share_agency as Agency }
          : null,
    };
  }
}

function denialMessage(action: PlanAction): string {
  switch (action) {
    case 'decide':
      return 'Only the ECPP co-working this case starts or ends a community safety plan';
    case 'agree':
      return "Only a Family Help manager of the case's team or its co-working ECPP agrees a plan";
    case 'share':
      return 'Only the lead practitioner or the co-working ECPP shares a record with a partner';
    case 'draft':
      return "Only the case's Family Help team writes a Family Network Plan";
    case 'update_action':
      return "A partner updates only its own agency's actions";
    default:
      return 'Your role does not allow this on this record';
  }
}
