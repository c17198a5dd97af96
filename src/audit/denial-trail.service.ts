import { Injectable } from '@nestjs/common';
import type { Actor } from 'src/access/actor';
import { currentContext } from 'src/common/request-context';
import { AuditEntry, AuditService } from './audit.service';
import { DeniedRecord, DeniedRecordRepository } from './denied-record.repository';

/** A refusal to put on the trail: who, which permission (the action), why, and what at. */
export interface Denial {
  actor: Actor | null;
  /** The refused permission: the row's action (one action name per permission). */
  permission: string;
  reason: string;
  metadata?: Record<string, unknown>;
  /** The record, when the caller already knows it (LA and children included)… */
  record?: DeniedRecord;
  /** …or its type and id, to be found in any LA (a 404 outside the caller's LA)… */
  recordRef?: { recordType: string; recordId: string };
  /** …else the route template and parameters to find it from. */
  route?: { template: string; params: Record<string, unknown> };
}

/**
 * Writes denials so that every refused attempt is on the trail with the record it aimed at, and
 * the children whose records those are (so the child access report shows it), without the
 * response waiting: the record is looked up and the rows written after the answer is decided,
 * so a hidden record's 404 takes as long as a random id's.
 *
 * Rows: a record of the caller's LA gets one row there, with its children. A record of another
 * LA gets a row in **that** LA (with its children and the caller's LA in metadata: the owning
 * LA's auditors see the probe) and a row in the caller's LA with only the id the caller sent,
 * shaped exactly like the row for an id that exists nowhere: the caller's own auditors cannot
 * learn from it whether another LA holds such a record.
 */
@Injectable()
export class DenialTrail {
  constructor(
    private readonly audit: AuditService,
    private readonly records: DeniedRecordRepository,
  ) {}

  /** Fire and forget (the promise is for tests and shutdown; errors are logged, not thrown). */
  record(denial: Denial): Promise<void> {
    const ctx = currentContext();
    const meta = {
      ...(denial.metadata ?? {}),
      permission: denial.permission,
      ...(ctx ? { method: ctx.method, path: denial.route?.template ?? ctx.path } : {}),
    };
    const base: AuditEntry = {
      actor: denial.actor,
      action: denial.permission,
      outcome: 'denied',
      reason: denial.reason,
    };
    // AuditService.recordDetached reads the request context synchronously; the lookup below
    // is async, so the rows are built with the context captured now.
    const work = (async () => {
      const record =
        denial.record ??
        (denial.recordRef
          ? await this.records.resolveById(denial.recordRef.recordType, denial.recordRef.recordId)
          : denial.route
            ? await this.records.resolve(denial.route.template, denial.route.params)
            : null);
      return rowsFor(denial.actor, base, meta, record);
    })();
    return this.audit.recordManyDetached(work, ctx);
  }
}

export function rowsFor(
  actor: Actor | null,
  base: AuditEntry,
  metadata: Record<string, unknown>,
  record: DeniedRecord | null,
): AuditEntry[] {
  const callerLa = actor?.localAuthorityId ?? null;
  const bare: AuditEntry = {
    ...base,
    localAuthorityId: callerLa,
    recordType: record?.recordType,
    recordId: record?.recordId ?? null,
    childIds: [],
    metadata,
  };
  if (!record || !record.localAuthorityId) return [bare];
  const full: AuditEntry = {
    ...base,
    localAuthorityId: record.localAuthorityId,
    recordType: record.recordType,
    recordId: record.recordId,
    childIds: record.childIds,
    metadata,
  };
  if (callerLa === null || callerLa === record.localAuthorityId) return [full];
  return [
    { ...full, metadata: { ...metadata, crossTenant: true, actorLocalAuthorityId: callerLa } },
    bare,
  ];
}
