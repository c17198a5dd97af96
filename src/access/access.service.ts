import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from 'src/audit/audit.service';
import type { Stage } from 'src/case-history/case-types';
import { forbidden, notFound } from 'src/common/domain-error';
import type { Actor } from './actor';
import { AccessMode, caseAccess, canSeeCases, canSeeFamilies } from './case-access.rules';
import { AuditedDenial } from './denial-audit.interceptor';

export interface CaseAccessInfo {
  id: string;
  localAuthorityId: string;
  familyId: string;
  teamId: string;
  leadPractitionerId: string;
  stage: Stage;
  restricted: boolean;
  version: number;
  childIds: string[];
}

export interface FamilyAccessInfo {
  id: string;
  localAuthorityId: string;
  name: string | null;
  version: number;
}

export interface CaseFactsRow {
  id: string;
  localAuthorityId: string;
  familyId: string;
  teamId: string;
  leadPractitionerId: string;
  stage: Stage;
  restricted: boolean;
  version: number;
  childIds: string[];
  isCoWorker: boolean;
  isTeamMember: boolean;
}

/** The access facts as extra select columns over case_record `c`; `$user` is the actor's id
 * parameter. Must match CASE_FACTS_SQL below. */
export function caseFactsColumns(user: string): string {
  return `c.local_authority_id AS "localAuthorityId",
         EXISTS (SELECT 1 FROM case_co_worker fw
                  WHERE fw.case_id = c.id AND fw.user_id = ${user} AND fw.ended_at IS NULL) AS "isCoWorker",
         EXISTS (SELECT 1 FROM team_member ftm
                  WHERE ftm.team_id = c.team_id AND ftm.user_id = ${user}) AS "isTeamMember"`;
}

/** One query: the case (in the caller's LA) and the facts the rule table needs. */
const CASE_FACTS_SQL = `
  SELECT c.id, c.local_authority_id AS "localAuthorityId", c.family_id AS "familyId",
         c.team_id AS "teamId", c.lead_practitioner_id AS "leadPractitionerId", c.stage,
         c.restricted, c.version,
         COALESCE((SELECT array_agg(cc.person_id::text ORDER BY cc.person_id)
                     FROM case_child cc WHERE cc.case_id = c.id), '{}') AS "childIds",
         EXISTS (SELECT 1 FROM case_co_worker w
                  WHERE w.case_id = c.id AND w.user_id = $2 AND w.ended_at IS NULL) AS "isCoWorker",
         EXISTS (SELECT 1 FROM team_member tm
                  WHERE tm.team_id = c.team_id AND tm.user_id = $2) AS "isTeamMember"
    FROM case_record c
   WHERE c.id = $1 AND c.local_authority_id = $3`;

/**
 * Record-level access (the second level, after the guard's role → permission check). Denials
 * on a record are 404s so existence never leaks; a visible case the caller may not change is
 * a 403.
 */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The case if `actor` may `mode` it, else notFound('Case') (or forbidden for a visible case
   * the actor may only read). Refused attempts on a restricted case are audited ('denied').
   * `lock: true` takes the case row `FOR UPDATE`, `lock: 'share'` `FOR SHARE` (blocks a
   * concurrent close or stage change, not other writers); pass the transaction's manager.
   */
  async requireCaseAccess(
    actor: Actor,
    caseId: string,
    mode: AccessMode,
    manager?: EntityManager,
    options: { lock?: boolean | 'share' } = {},
  ): Promise<CaseAccessInfo> {
    const m = manager ?? this.ds.manager;
    if (!actor.localAuthorityId || !canSeeCases(actor)) throw notFound('Case');
    const lock =
      options.lock === 'share' ? ' FOR SHARE OF c' : options.lock ? ' FOR UPDATE OF c' : '';
    const sql = CASE_FACTS_SQL + lock;
    const rows: CaseFactsRow[] = await m.query(sql, [caseId, actor.id, actor.localAuthorityId]);
    if (!rows[0]) throw notFound('Case');
    return this.checkCaseFacts(actor, rows[0], mode, manager);
  }

  /**
   * The second half of `requireCaseAccess`, for callers that fetched the facts in their own
   * query (`caseFactsColumns`) to save a round trip on hot reads.
   */
  async checkCaseFacts(
    actor: Actor,
    row: CaseFactsRow,
    mode: AccessMode,
    manager?: EntityManager,
  ): Promise<CaseAccessInfo> {
    if (!actor.localAuthorityId || !canSeeCases(actor)) throw notFound('Case');
    const outcome = caseAccess(
      actor,
      {
        sameLa: row.localAuthorityId === actor.localAuthorityId,
        restricted: row.restricted,
        isLead: actor.kind === 'user' && row.leadPractitionerId === actor.id,
        isActiveCoWorker: actor.kind === 'user' && row.isCoWorker,
        isTeamMember: actor.kind === 'user' && row.isTeamMember,
      },
      mode,
    );
    if (outcome === 'allowed') {
      const { isCoWorker: _c, isTeamMember: _t, ...info } = row;
      return info;
    }
    const error =
      outcome === 'read_only' ? forbidden('You are not working on this case') : notFound('Case');
    if (outcome === 'hidden') throw error;
    // A refused attempt on a visible-in-LA case stays on record even though the caller's
    // transaction rolls back: written now when there is no transaction, else after it.
    const entry: AuditEntry = {
      actor,
      action: `case.${mode}`,
      recordType: 'case',
      recordId: row.id,
      childIds: row.childIds,
      outcome: 'denied',
      reason: outcome === 'restricted' ? 'restricted case' : 'not working on this case',
      metadata: { mode },
    };
    if (!manager) {
      await this.audit.record(entry);
      throw error;
    }
    throw new AuditedDenial(error, entry);
  }

  /** The family if it belongs to the actor's LA and the actor's role may see family records. */
  async requireFamilyAccess(
    actor: Actor,
    familyId: string,
    manager?: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<FamilyAccessInfo> {
    if (!actor.localAuthorityId || !canSeeFamilies(actor)) throw notFound('Family');
    const params: unknown[] = [familyId, actor.localAuthorityId];
    const visible = visibleFamilySql(actor, 'f', params);
    const rows: (FamilyAccessInfo & { visible: boolean; childIds: string[] })[] = await (
      manager ?? this.ds.manager
    ).query(
      `SELECT f.id, f.local_authority_id AS "localAuthorityId", f.name, f.version, ${visible} AS visible,
              COALESCE((SELECT array_agg(p.id::text) FROM person p WHERE p.family_id = f.id AND p.kind = 'child'), '{}') AS "childIds"
         FROM family f WHERE f.id = $1 AND f.local_authority_id = $2${options.lock ? ' FOR UPDATE OF f' : ''}`,
      params,
    );
    const row = rows[0];
    if (!row) throw notFound('Family');
    if (!row.visible) {
      // The family of a restricted case the actor may not open: hidden, and the attempt recorded.
      const entry: AuditEntry = {
        actor,
        action: 'family.read',
        recordType: 'family',
        recordId: row.id,
        childIds: row.childIds,
        outcome: 'denied',
        reason: 'family of a restricted case',
      };
      if (!manager) {
        await this.audit.record(entry);
        throw notFound('Family');
      }
      throw new AuditedDenial(notFound('Family'), entry);
    }
    return {
      id: row.id,
      localAuthorityId: row.localAuthorityId,
      name: row.name,
      version: row.version,
    };
  }
}

/**
 * The WHERE fragment that hides restricted cases the actor may not see, for lists (`alias`
 * is the case_record alias). Pushes the parameters it needs onto `params`. Mirrors
 * `mayOpenRestricted`.
 */
export function visibleCaseSql(actor: Actor, alias: string, params: unknown[]): string {
  if (actor.kind === 'client') return `NOT ${alias}.restricted`;
  if (actor.roles.includes('cp_manager')) return 'TRUE';
  params.push(actor.id);
  const me = `$${params.length}::uuid`;
  const clauses = [
    `NOT ${alias}.restricted`,
    `${alias}.lead_practitioner_id = ${me}`,
    `EXISTS (SELECT 1 FROM case_co_worker w WHERE w.case_id = ${alias}.id AND w.user_id = ${me} AND w.ended_at IS NULL)`,
  ];
  if (actor.roles.includes('family_help_manager'))
    clauses.push(
      `EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = ${alias}.team_id AND tm.user_id = ${me})`,
    );
  return `(${clauses.join(' OR ')})`;
}

/**
 * The WHERE fragment that hides families with a restricted case the actor may not open (their
 * members are that case's children). `alias` is the family alias.
 */
export function visibleFamilySql(actor: Actor, alias: string, params: unknown[]): string {
  const visibleCase = visibleCaseSql(actor, 'rc', params);
  if (visibleCase === 'TRUE') return 'TRUE';
  return `NOT EXISTS (SELECT 1 FROM case_record rc WHERE rc.family_id = ${alias}.id AND rc.restricted AND NOT ${visibleCase})`;
}
