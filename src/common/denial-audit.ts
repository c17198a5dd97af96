import type { AuditEntry, DenialLookup } from 'src/audit/audit.service';
import { DomainError, notFound } from './domain-error';
import type { Actor } from 'src/access/actor';
import type { Permission } from 'src/access/permissions';
import { routeOf } from './http';

/**
 * Writes a refusal to the audit trail (provided by the audit module as its `AuditService`):
 * what the problem filter, low in the house, is given instead of importing the audit writer.
 */
export abstract class DenialRecorder {
  abstract recordDenial(entry: AuditEntry, find?: DenialLookup): Promise<void>;
}

/**
 * A record-level denial (404/403) that must stay on the audit trail although the transaction
 * it happened in rolls back. Writing it from inside that transaction on a second pooled
 * connection could starve the pool (every worker holding one connection and waiting for
 * another), so it travels with the error and is written once the handler has failed.
 */
export class AuditedDenial extends DomainError {
  constructor(
    base: DomainError,
    readonly audit: AuditEntry,
    /** When the record is not in the caller's LA: where to find it (any LA) for the trail. */
    readonly lookup?: DenialLookup,
  ) {
    super(base.status, base.code, base.message, base.errors, base.extra);
  }
}

/** A case-level 404 restated as "<label> not found" for a record inside the case, keeping its
 * denial audit. */
export function asNotFound(err: DomainError, label: string): DomainError {
  const error = notFound(label);
  return err instanceof AuditedDenial ? new AuditedDenial(error, err.audit) : error;
}

/**
 * Every refusal is audited the same way: action = the permission that was refused, outcome
 * `denied`, a short reason, the record (when there is one) and its children.
 */
export function denialEntry(
  actor: Actor,
  permission: Permission,
  on: {
    recordType?: string;
    recordId?: string;
    childIds?: string[];
    reason: string;
    caseId?: string;
    method?: string;
    path?: string;
  },
): AuditEntry {
  const metadata: Record<string, unknown> = { permission };
  if (on.caseId && on.caseId !== on.recordId) metadata.caseId = on.caseId;
  if (on.method) metadata.method = on.method;
  if (on.path) metadata.path = on.path;
  return {
    actor,
    action: permission,
    recordType: on.recordType,
    recordId: on.recordId ?? null,
    childIds: on.childIds ?? [],
    outcome: 'denied',
    reason: on.reason,
    metadata,
  };
}

/** The audit entry of an `AuditedDenial` that reached the HTTP layer, with the request's method
 * and route (as the guard's denials have). Written by the problem filter, on the error path
 * only: a global interceptor would cost every request (rxjs and async-context binding) for
 * the few that fail. */
export function denialAtRoute(
  err: AuditedDenial,
  req: { method: string; url: string; is404?: boolean; routeOptions?: { url?: string } },
): AuditEntry {
  return {
    ...err.audit,
    metadata: { ...err.audit.metadata, method: req.method, path: routeOf(req) },
  };
}
