import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a refused request was aimed at, as the trail records it (never shown to the caller). */
export interface DeniedRecord {
  recordType: string;
  recordId: string;
  /** The record's local authority, when the record exists (in any LA); else null. */
  localAuthorityId: string | null;
  /** The children whose records it is (drives the child access report). */
  childIds: string[];
}

/** The record a route's first id parameter names, by the collection it sits under. */
const RESOURCES: Record<string, { type: string; sql: string | null }> = {
  cases: {
    type: 'case',
    sql: `SELECT c.local_authority_id AS la,
                 coalesce(array_agg(cc.person_id) FILTER (WHERE cc.person_id IS NOT NULL), '{}') AS "childIds"
            FROM case_record c LEFT JOIN case_child cc ON cc.case_id = c.id
           WHERE c.id = $1 GROUP BY c.id`,
  },
  families: {
    type: 'family',
    sql: `SELECT f.local_authority_id AS la,
                 coalesce(array_agg(p.id) FILTER (WHERE p.kind = 'child'), '{}') AS "childIds"
            FROM family f LEFT JOIN person p ON p.family_id = f.id
           WHERE f.id = $1 GROUP BY f.id`,
  },
  children: {
    type: 'person',
    sql: `SELECT local_authority_id AS la,
                 CASE WHEN kind = 'child' THEN ARRAY[id] ELSE '{}'::uuid[] END AS "childIds"
            FROM person WHERE id = $1`,
  },
  users: { type: 'user', sql: `SELECT local_authority_id AS la FROM app_user WHERE id = $1` },
  teams: { type: 'team', sql: `SELECT local_authority_id AS la FROM team WHERE id = $1` },
  'api-clients': {
    type: 'api_client',
    sql: `SELECT local_authority_id AS la FROM api_client WHERE id = $1`,
  },
  approvals: {
    type: 'approval_request',
    sql: `SELECT local_authority_id AS la FROM approval_request WHERE id = $1`,
  },
  'local-authorities': {
    type: 'local_authority',
    sql: `SELECT id AS la FROM local_authority WHERE id = $1`,
  },
};

/**
 * Resolves the record behind a refused request from the route template and its parameters:
 * `/api/v1/cases/:id/notes` with `{ id }` is case `id`, with its LA and children when it exists
 * anywhere. Deliberately not tenant-scoped: it serves the audit trail only, written after the
 * response, and its result never reaches the caller.
 */
@Injectable()
export class DeniedRecordRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async resolve(route: string, params: Record<string, unknown>): Promise<DeniedRecord | null> {
    const segments = route.replace(/^\/?api\/v1\//, '').split('/');
    const [collection, idParam] = segments;
    const name = idParam?.startsWith(':') ? idParam.slice(1) : null;
    const id = name ? params[name] : undefined;
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    const resource = RESOURCES[collection];
    const recordType = resource?.type ?? collection.replace(/-/g, '_').replace(/s$/, '');
    return this.lookup(recordType, resource?.sql ?? null, id);
  }

  /** The record of a type the access gate names (`case`, `family`, …) by id, in any LA. */
  async resolveById(recordType: string, id: string): Promise<DeniedRecord | null> {
    if (!UUID.test(id)) return null;
    const resource = Object.values(RESOURCES).find((r) => r.type === recordType);
    return this.lookup(recordType, resource?.sql ?? null, id);
  }

  private async lookup(recordType: string, sql: string | null, id: string): Promise<DeniedRecord> {
    const recordId = id.toLowerCase();
    if (!sql) return { recordType, recordId, localAuthorityId: null, childIds: [] };
    const rows: { la: string | null; childIds?: string[] }[] = await this.ds.query(sql, [recordId]);
    return {
      recordType,
      recordId,
      localAuthorityId: rows[0]?.la ?? null,
      childIds: rows[0]?.childIds ?? [],
    };
  }
}
