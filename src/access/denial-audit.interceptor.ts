import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { from, Observable, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AuditEntry, AuditService } from 'src/audit/audit.service';
import { DomainError } from 'src/common/domain-error';

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
  ) {
    super(base.status, base.code, base.message, base.errors, base.extra);
  }
}

/** Writes the audit entry an `AuditedDenial` carries, then lets the error through. */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('DenialAudit');

  constructor(private readonly audit: AuditService) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!(err instanceof AuditedDenial)) return throwError(() => err);
        return from(
          this.audit.record(err.audit).catch((e: Error) => {
            this.logger.error(`could not audit a denial: ${e.message}`);
          }),
        ).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }
}
