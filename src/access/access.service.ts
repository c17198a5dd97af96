import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import type { EntityManager } from 'typeorm';
import { CASE_CLOSED } from 'src/case-history/case-closed';
import { conflict, DomainError, forbidden, notFound } from 'src/common/domain-error';
import type { Actor } from './actor';
import { CaseContext, CaseFactsRepository, CaseFactsRow, LockMode } from './case-facts.repository';
import { AuditedDenial, denialEntry } from 'src/common/denial-audit';
import type { Permission } from './permissions';
import type { CaseFacts } from './predicates';
import type { InCaseKind } from 'src/common/record-kind';
import { forbiddenReason, verdict } from './verdict';
import { familyVerdict, teamVerdict } from './verdict-scopes';
import { caseReadStatement } from './case-read-statement';

export type { CaseContext, LockMode };

/**
 * How the gate takes a case: `lock` takes the case row FOR UPDATE / FOR SHARE for the rest of
 * the transaction; `open` says the request writes to the case, and a closed case is read-only:
 * 409 `case_closed` (one code, one message: `CASE_CLOSED`), judged after access, so a caller
 * who may not see the case still gets its 404. With `lock: 'share'` a concurrent close waits
 * for the write to commit.
 */
export interface GateOptions {
  lock?: LockMode;
  open?: boolean;
}

/** The "case is closed" gate fact: a write (`open`) to a closed case is refused. */
function requireOpen(c: CaseContext, opts: GateOptions): CaseContext {
  if (opts.open) assertOpenCase(c);
  return c;
}

/** The same fact for a service that must refuse something else first (a 400 on its input, a
 * 403 of its own rule) and so checks the case it already holds. */
export function assertOpenCase(c: Pick<CaseContext, 'stage'>): void {
  if (c.stage === 'closed') throw conflict(CASE_CLOSED.code, CASE_CLOSED.detail);
}

export interface FamilyContext {
  id: string;
  localAuthorityId: string;
  name: string | null;
  version: number;
}

/**
 * The access gate: the one entry point for record-level decisions (after the route guard's
 * role → permission check). It loads the facts with one query (`CaseFactsRepository`), asks
 * the pure verdict table (`verdict.ts`), and on a refusal throws 404 (the record is not
 * visible: existence never leaks) or 403 (visible, not permitted), audited as a denial of
 * that permission. List queries filter with `caseFilterSql` / `familyFilterSql` (same rules).
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('AccessService');

  constructor(
    private readonly facts: CaseFactsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * An audited read of one case in ONE statement (the hot path: one round trip where the gate,
   * the read and the audit insert used to take three): the facts, the case's `columns` (SQL over
   * `case_record c`), and the audit row of the read (`audit.action`, the case's children; with
   * `restrictedReason` on a restricted case), written by the same statement when the SQL form of
   * the verdict (`caseFilterSql`) allows, so the read and its audit row commit together. The TS
   * verdict then judges the row as `requireCase` does (refusals audited as denials). The two forms
   * are one rule table and agree (test/access-gate.e2e-spec.ts); should they ever disagree, an
   * allowed read is still audited (a second insert) and a refused one is logged as an error.
   */
  async readCase<T extends object>(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    caseId: string,
    columns: string,
    audit: { action: string; recordType: string; restrictedReason?: string },
  ): Promise<CaseFactsRow & T> {
    if (!actor.localAuthorityId) throw notFound('Case');
    const row = await this.facts.loadAudited<T>(
      m,
      caseReadStatement(actor, actor.localAuthorityId, permission, caseId, columns, audit),
    );
    if (!row) throw notInCallersLa(notFound('Case'), actor, permission, 'case', caseId);
    try {
      judge(actor, permission, row, toFacts(actor, row, null));
    } catch (err) {
      if (row.audited)
        this.logger.error(`${permission} on case ${row.id}: SQL filter allowed, verdict refused`);
      throw err;
    }
    if (!row.audited) {
      this.logger.error(`${permission} on case ${row.id}: verdict allowed, SQL filter refused`);
      await this.audit.record(
        {
          action: audit.action,
          recordType: audit.recordType,
          recordId: row.id,
          childIds: row.childIds,
          reason: row.restricted ? (audit.restrictedReason ?? null) : null,
        },
        m,
      );
    }
    return row;
  }

  /**
   * The case if `actor` may exercise `permission` on it. `lock` takes the case row FOR UPDATE
   * ('update': serialises writers to the case's history and stage) or FOR SHARE ('share': a
   * concurrent close or stage change waits) for the rest of `m`'s transaction.
   */
  async requireCase(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    caseId: string,
    opts: GateOptions = {},
  ): Promise<CaseContext> {
    const row = await this.loadOne(m, actor, permission, caseId, opts);
    judge(actor, permission, row, toFacts(actor, row, null));
    return requireOpen(toContext(row), opts);
  }

  /**
   * One existing record inside a case (a note; later a plan or an FGDM meeting, which may be
   * shared with a partner): the case's facts and the record's (author, share) in one query, and
   * the record kind's row of the verdict table. A record missing from the case is
   * "<Label> not found", but only to a caller whom the case's own row lets act.
   */
  async requireRecord(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    caseId: string,
    record: { kind: InCaseKind; id: string },
    opts: GateOptions = {},
  ): Promise<CaseContext> {
    const row = await this.loadOne(m, actor, permission, caseId, { lock: opts.lock, record });
    if (!row.recordId) {
      judge(actor, permission, row, toFacts(actor, row, null));
      throw notFound(record.kind.label);
    }
    const recordFacts = {
      kind: record.kind,
      author: !!row.author,
      shared: !!row.shared,
      ownAgency: !!row.ownAgency,
    };
    judge(actor, permission, row, toFacts(actor, row, recordFacts));
    return requireOpen(toContext(row), opts);
  }

  /**
   * `requireRecord` for routes that name only the record (`/community-safety-plans/:id`): its
   * case is looked up first. A record that does not exist and one the caller may not see are the
   * same "<Label> not found" (the refusal of a hidden one is still audited).
   */
  async requireRecordById(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    record: { kind: InCaseKind; id: string },
    opts: GateOptions = {},
  ): Promise<CaseContext> {
    const { table, label } = record.kind;
    const row = await this.loadOwner(
      m,
      actor,
      permission,
      { table, id: record.id, label },
      { ...opts, record },
    );
    const recordFacts = {
      kind: record.kind,
      author: !!row.author,
      shared: !!row.shared,
      ownAgency: !!row.ownAgency,
    };
    try {
      judge(actor, permission, row, toFacts(actor, row, recordFacts));
    } catch (err) {
      if (err instanceof AuditedDenial && err.status === 404) {
        throw new AuditedDenial(notFound(label), err.audit);
      }
      throw err;
    }
    return requireOpen(toContext(row), opts);
  }

  private async loadOwner(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    owner: { table: string; id: string; label: string },
    opts: { lock?: LockMode; record?: { kind: InCaseKind; id: string } },
  ): Promise<CaseFactsRow> {
    const row = actor.localAuthorityId
      ? await this.facts.loadByRecord(m, actor.localAuthorityId, actor, owner, opts)
      : null;
    if (!row)
      throw notInCallersLa(
        notFound(owner.label),
        actor,
        permission,
        opts.record?.kind.name ?? owner.table,
        owner.id,
      );
    return row;
  }

  /** The set-based form: of `caseIds`, the cases `actor` may exercise `permission` on (one
   * query; the others are left out silently, as a list would). */
  async allowedCases(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    caseIds: readonly string[],
  ): Promise<Map<string, CaseContext>> {
    const out = new Map<string, CaseContext>();
    if (!actor.localAuthorityId || caseIds.length === 0) return out;
    const rows = await this.facts.load(m, actor.localAuthorityId, actor, caseIds);
    for (const row of rows)
      if (verdict(actor, permission, toFacts(actor, row, null)) === 'allowed')
        out.set(row.id, toContext(row));
    return out;
  }

  /** The family if `actor` may exercise `permission` on it (hidden with a restricted case of
   * the family that is closed to the caller). */
  async requireFamily(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    familyId: string,
    opts: { lock?: boolean } = {},
  ): Promise<FamilyContext> {
    const row = actor.localAuthorityId
      ? await this.facts.loadFamily(m, actor.localAuthorityId, actor, familyId, opts)
      : null;
    const outcome = familyVerdict(actor, permission, {
      sameLa: !!row,
      hasCaseClosedToCaller: !!row?.closedToCaller,
    });
    if (outcome !== 'allowed') {
      const error =
        outcome === 'forbidden'
          ? forbidden(`Your role does not allow ${permission}`)
          : notFound('Family');
      if (!row) throw notInCallersLa(error, actor, permission, 'family', familyId);
      throw new AuditedDenial(
        error,
        denialEntry(actor, permission, {
          recordType: 'family',
          recordId: row.id,
          childIds: row.childIds,
          reason: row.closedToCaller ? 'family of a restricted case' : 'not permitted',
        }),
      );
    }
    return {
      id: row!.id,
      localAuthorityId: row!.localAuthorityId,
      name: row!.name,
      version: row!.version,
    };
  }

  /** A team the caller may filter a `permission` list by (else 404 Team: not theirs). */
  async requireTeamFilter(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    teamId: string,
  ): Promise<void> {
    const team = actor.localAuthorityId
      ? await this.facts.loadTeam(m, actor.localAuthorityId, actor, teamId)
      : null;
    const outcome = teamVerdict(actor, permission, { sameLa: !!team, member: !!team?.member });
    if (outcome === 'forbidden') throw forbidden(`Your role does not allow ${permission}`);
    if (outcome === 'not_found') throw notFound('Team');
  }

  private async loadOne(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    caseId: string,
    opts: { lock?: LockMode; record?: { kind: InCaseKind; id: string } },
  ): Promise<CaseFactsRow> {
    if (!actor.localAuthorityId) throw notFound('Case');
    const [row] = await this.facts.load(m, actor.localAuthorityId, actor, [caseId], opts);
    if (!row) throw notInCallersLa(notFound('Case'), actor, permission, 'case', caseId);
    return row;
  }
}

/** A 404 for an id that is not in the caller's LA (another LA's, or nobody's): audited like
 * any refusal, the record looked up in any LA after the response (AuditService.recordDenial),
 * so the trail has the probe and the response says and waits for nothing more. */
function notInCallersLa(
  error: DomainError,
  actor: Actor,
  permission: Permission,
  recordType: string,
  recordId: string,
): AuditedDenial {
  return new AuditedDenial(
    error,
    denialEntry(actor, permission, { recordType, recordId, reason: 'not visible' }),
    { recordType, recordId },
  );
}

function toFacts(actor: Actor, row: CaseFactsRow, record: CaseFacts['record']): CaseFacts {
  return {
    sameLa: row.localAuthorityId === actor.localAuthorityId,
    restricted: row.restricted,
    lead: row.lead,
    coWorker: row.coWorker,
    teamMember: row.teamMember,
    coWorked: row.coWorked,
    macptOpen: row.macptOpen,
    record,
  };
}

/** Throws the refusal (audited: the case exists in the caller's LA) unless allowed. */
function judge(actor: Actor, permission: Permission, row: CaseFactsRow, facts: CaseFacts): void {
  const outcome = verdict(actor, permission, facts);
  if (outcome === 'allowed') return;
  const error: DomainError =
    outcome === 'forbidden'
      ? forbidden(forbiddenReason(actor, permission, facts))
      : notFound('Case');
  throw new AuditedDenial(
    error,
    denialEntry(actor, permission, {
      recordType: facts.record?.kind.name ?? 'case',
      recordId: facts.record ? (row.recordId as string) : row.id,
      childIds: row.childIds,
      reason:
        outcome === 'forbidden'
          ? 'not permitted on this case'
          : facts.restricted
            ? 'restricted case'
            : 'not visible',
      caseId: row.id,
    }),
  );
}

function toContext(row: CaseFactsRow): CaseContext {
  return {
    id: row.id,
    localAuthorityId: row.localAuthorityId,
    familyId: row.familyId,
    teamId: row.teamId,
    leadPractitionerId: row.leadPractitionerId,
    stage: row.stage,
    restricted: row.restricted,
    version: row.version,
    childIds: row.childIds,
    referralDate: row.referralDate,
    assessmentCompletedAt: row.assessmentCompletedAt,
    relation: { lead: row.lead, coWorker: row.coWorker, teamMember: row.teamMember },
  };
}
