import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { caseAccess } from 'src/access/case-access.rules';
import { AuditedDenial } from 'src/access/denial-audit.interceptor';
import type { Stage } from 'src/case-history/case-types';
import { forbidden, notFound } from 'src/common/domain-error';
import { CaseAction, CaseRelation, mayAct } from './case-authority';

/** What the co-working services need to know about a case they act on. */
export interface CaseContext {
  id: string;
  localAuthorityId: string;
  teamId: string;
  leadPractitionerId: string;
  stage: Stage;
  version: number;
  restricted: boolean;
  childIds: string[];
  referralDate: string;
  assessmentCompletedAt: string | null;
}

interface ContextRow {
  id: string;
  local_authority_id: string;
  team_id: string;
  lead_practitioner_id: string;
  stage: Stage;
  version: number;
  restricted: boolean;
  child_ids: string[] | null;
  referral_date: string;
  assessment_completed_at: string | null;
  team_member: boolean;
  co_worker: boolean;
}

/**
 * Record-level authorisation for the co-working endpoints: loads the case (tenancy first),
 * the caller's relation to it, and applies the pure `mayAct` rule (403 vs 404 included).
 */
@Injectable()
export class CaseGuard {
  /**
   * The case if `actor` may perform `action` on it, else a 403/404 DomainError. With `lock`,
   * the case row is locked (`SELECT … FOR UPDATE`, only within the caller's LA) for the rest of `m`'s transaction, so concurrent writers to the
   * same case's history are serialised.
   */
  async authorise(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    action: CaseAction,
    opts: { lock?: boolean } = {},
  ): Promise<CaseContext> {
    const la = actor.localAuthorityId;
    if (!la) throw notFound('Case');
    const rows: ContextRow[] = await m.query(
      `SELECT c.id, c.local_authority_id, c.team_id, c.lead_practitioner_id, c.stage, c.version,
              c.restricted, c.referral_date::text AS referral_date,
              c.assessment_completed_at::text AS assessment_completed_at,
              ARRAY(SELECT cc.person_id::text FROM case_child cc WHERE cc.case_id = c.id
                    ORDER BY cc.person_id) AS child_ids,
              EXISTS (SELECT 1 FROM team_member tm
                       WHERE tm.team_id = c.team_id AND tm.user_id = $3) AS team_member,
              EXISTS (SELECT 1 FROM case_co_worker w WHERE w.case_id = c.id AND w.user_id = $3
                        AND w.ended_at IS NULL) AS co_worker
         FROM case_record c
        WHERE c.id = $1 AND c.local_authority_id = $2${opts.lock ? ' FOR UPDATE OF c' : ''}`,
      [caseId, la, actor.kind === 'user' ? actor.id : null],
    );
    const row = rows[0];
    if (!row) throw notFound('Case');
    const isUser = actor.kind === 'user';
    const isLead = isUser && row.lead_practitioner_id === actor.id;
    const facts = {
      sameLa: true,
      restricted: row.restricted,
      isLead,
      isActiveCoWorker: isUser && row.co_worker,
      isTeamMember: isUser && row.team_member,
    };
    const visibility = caseAccess(actor, facts, 'read');
    const rel: CaseRelation = {
      sameLa: true,
      canRead: visibility === 'allowed',
      teamMember: isLead || facts.isTeamMember,
      coWorker: facts.isActiveCoWorker,
    };
    const verdict = mayAct(actor, action, rel);
    if (verdict !== 'allowed') {
      const error = verdict === 'forbidden' ? forbidden(denialMessage(action)) : notFound('Case');
      if (verdict === 'forbidden' || visibility === 'restricted') {
        // Audited after the transaction ends (DenialAuditInterceptor): writing it now, on a second
        // pooled connection while this one holds the case lock, starves the pool under load.
        throw new AuditedDenial(error, {
          actor,
          action: `case.${action}`,
          recordType: 'case',
          recordId: caseId,
          childIds: row.child_ids ?? [],
          outcome: 'denied',
          reason: verdict === 'forbidden' ? 'not permitted on this case' : 'restricted case',
        });
      }
      throw error;
    }
    return {
      id: row.id,
      localAuthorityId: row.local_authority_id,
      teamId: row.team_id,
      leadPractitionerId: row.lead_practitioner_id,
      stage: row.stage,
      version: row.version,
      restricted: row.restricted,
      childIds: row.child_ids ?? [],
      referralDate: row.referral_date,
      assessmentCompletedAt: row.assessment_completed_at,
    };
  }
}

function denialMessage(action: CaseAction): string {
  switch (action) {
    case 'record_decision':
      return 'Only the ECPP assigned as co-worker on this case may record its decisions';
    case 'assign_co_worker':
    case 'end_co_working':
      return 'Only a child-protection manager assigns or ends ECPP co-working';
    case 'request_decision':
    case 'challenge_decision':
      return "Only the case's Family Help team may request or challenge a decision";
    default:
      return "Only the case's Family Help team or its co-working ECPP may do this";
  }
}
