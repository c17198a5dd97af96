import type { Actor } from './actor';
import type { CaseContext, CaseFactsRow } from './case-facts.repository';
import { DomainError, forbidden, notFound } from 'src/common/domain-error';
import { AuditedDenial, denialEntry } from 'src/common/denial-audit';
import type { Permission } from './permissions';
import type { CaseFacts } from './predicates';
import { forbiddenReason, verdict } from './verdict';

/** The gate's judgement of a loaded facts row (pure): the verdict, the audited refusal, the
 * case context handed back. Used by AccessService. */

/** A 404 for an id that is not in the caller's LA (another LA's, or nobody's): audited like
 * any refusal, the record looked up in any LA after the response (AuditService.recordDenial),
 * so the trail has the probe and the response says and waits for nothing more. */
export function notInCallersLa(
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

export function toFacts(actor: Actor, row: CaseFactsRow, record: CaseFacts['record']): CaseFacts {
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
export function judge(
  actor: Actor,
  permission: Permission,
  row: CaseFactsRow,
  facts: CaseFacts,
): void {
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

export function toContext(row: CaseFactsRow): CaseContext {
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
