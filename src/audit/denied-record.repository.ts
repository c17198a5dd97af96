import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RECORD_KINDS, resolveRoute, type RecordKindDecl } from 'src/common/record-kind';

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

const CASE_CHILDREN = (c: string) =>
  `ARRAY(SELECT cc.person_id FROM case_child cc WHERE cc.case_id = ${c}.id)`;

/** The SQL ($1: the id) that finds a record of `kind` in any LA: its LA and its children. */
export function lookupSql(kind: RecordKindDecl): string | null {
  switch (kind.locate) {
    case 'case':
      return `SELECT c.local_authority_id AS la, ${CASE_CHILDREN('c')} AS "childIds"
                FROM case_record c WHERE c.id = $1`;
    case 'family':
      return `SELECT f.local_authority_id AS la,
                     ARRAY(SELECT p.id FROM person p WHERE p.family_id = f.id AND p.kind = 'child')
                       AS "childIds"
                FROM family f WHERE f.id = $1`;
    case 'in_case':
      return `SELECT c.local_authority_id AS la,
                     ${kind.children ? kind.children('r') : CASE_CHILDREN('c')} AS "childIds"
                FROM ${kind.table} r JOIN case_record c ON c.id = r.case_id WHERE r.id = $1`;
    case 'tenant':
      return `SELECT r.${kind.laColumn} AS la,
                     ${kind.children ? kind.children('r') : `'{}'::uuid[]`} AS "childIds"
                FROM ${kind.table} r WHERE r.id = $1`;
    case 'catalogue':
      return null;
  }
}

/**
 * Resolves the record behind a refused request through the record-kind registry
 * (`src/record-kinds.ts`): `/api/v1/family-network-plans/:id/end` with `{ id }` is that plan,
 * with its case's LA and the plan's children when it exists anywhere. Deliberately not
 * tenant-scoped: it serves the audit trail only, written after the response, and its result
 * never reaches the caller.
 */
@Injectable()
export class DeniedRecordRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(RECORD_KINDS) private readonly kinds: readonly RecordKindDecl[],
  ) {}

  async resolve(route: string, params: Record<string, unknown>): Promise<DeniedRecord | null> {
    const target = resolveRoute(this.kinds, route, params);
    if (typeof target === 'string' || !UUID.test(target.id)) return null;
    return this.lookup(target.kind, target.id);
  }

  /** The record of a kind the access gate names (`case`, `family`, …) by id, in any LA. */
  async resolveById(recordType: string, id: string): Promise<DeniedRecord | null> {
    if (!UUID.test(id)) return null;
    const kind = this.kinds.find((k) => k.name === recordType);
    if (!kind)
      return { recordType, recordId: id.toLowerCase(), localAuthorityId: null, childIds: [] };
    return this.lookup(kind, id);
  }

  private async lookup(kind: RecordKindDecl, id: string): Promise<DeniedRecord> {
    const recordId = id.toLowerCase();
    const sql = lookupSql(kind);
    const rows: { la: string | null; childIds?: string[] }[] = sql
      ? await this.ds.query(sql, [recordId])
      : [];
    return {
      recordType: kind.name,
      recordId,
      localAuthorityId: rows[0]?.la ?? null,
      childIds: rows[0]?.childIds ?? [],
    };
  }
}
