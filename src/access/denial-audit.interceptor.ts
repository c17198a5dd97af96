import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, Observable, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AuditEntry, AuditService, DenialLookup } from 'src/audit/audit.service';
import { DomainError, notFound } from 'src/common/domain-error';
import type { Actor } from './actor';
import type { Permission } from './permissions';

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

/** Writes the audit entry an `AuditedDenial` carries (with the request's method and route, as
 * the guard's denials have), then lets the error through. */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!(err instanceof AuditedDenial)) return throwError(() => err);
        const req = ctx.switchToHttp().getRequest<Request>();
        const entry: AuditEntry = {
          ...err.audit,
          metadata: {
            ...err.audit.metadata,
            method: req.method,
            path: req.route?.path ?? req.path,
          },
        };
        // recordDenial returns at once: the 404 does not wait on the lookup or the write.
        return from(this.audit.recordDenial(entry, err.lookup)).pipe(
          mergeMap(() => throwError(() => err)),
        );
      }),
    );
  }
}
