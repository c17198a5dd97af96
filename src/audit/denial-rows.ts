import type { AuditEntry } from './audit-sql';
import type { DeniedRecord } from './denied-record.repository';

/**
 * The audit rows of one refusal, given the record it aimed at (looked up in any LA):
 *
 * - a record of the caller's LA (or a caller with no LA): one row in the record's LA, with its
 *   children (so the child access report shows the attempt);
 * - a record of another LA: a row in **that** LA, with its children and the caller's LA in
 *   metadata (the owning LA's auditors see the probe), and a row in the caller's LA with only
 *   the id the caller sent, shaped exactly like the row for an id that exists nowhere: the
 *   caller's own auditors cannot learn from it whether another LA holds such a record;
 * - no record anywhere: that bare row only.
 */
export function rowsFor(
  callerLa: string | null,
  entry: AuditEntry,
  record: DeniedRecord | null,
): AuditEntry[] {
  const metadata = entry.metadata ?? {};
  const bare: AuditEntry = {
    ...entry,
    localAuthorityId: callerLa,
    recordType: record?.recordType ?? entry.recordType,
    recordId: record?.recordId ?? entry.recordId ?? null,
    childIds: [],
    metadata,
  };
  if (!record || !record.localAuthorityId) return [bare];
  const full: AuditEntry = {
    ...entry,
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
