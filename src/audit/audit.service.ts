import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentContext, RequestContext, runInContext } from 'src/common/request-context';
import { AuditEntry, insertManySql, insertOneSql, toRow } from './audit-sql';
import { rowsFor } from './denial-rows';
import { DeniedRecordRepository } from './denied-record.repository';
import { preparedQuery } from 'src/database/prepared-query';

const SECRET_FIELDS = new Set(['password', 'passwordHash', 'secret', 'secretHash', 'clientSecret']);

/** Field-level before/after of the fields that changed; secrets are never recorded. */
export function diffFields<T extends object>(
  before: Partial<T>,
  after: Partial<T>,
  fields: (keyof T)[],
) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const f of fields) {
    const key = String(f);
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = SECRET_FIELDS.has(key)
      ? { before: '[redacted]', after: '[redacted]' }
      : { before: b, after: a };
  }
  return changes;
}

/**
 * The one audit writer. Pass the transaction's EntityManager so a change and its audit row
 * commit together; reads and denials are written on their own.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly deniedRecords: DeniedRecordRepository,
  ) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  async recordMany(entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    if (entries.length > 1000) {
      // Bounded statements (one array per column: the size of the arrays, not the parameters).
      for (let i = 0; i < entries.length; i += 1000)
        await this.recordMany(entries.slice(i, i + 1000), manager);
      return;
    }
    const rows = entries.map(toRow);
    // Two texts, whatever the rows: each connection prepares them once (outside a transaction).
    const { text, params } = rows.length === 1 ? insertOneSql(rows[0]) : insertManySql(rows);
    await preparedQuery(manager ?? this.ds.manager, text, params);
  }

  /**
   * Written without the response waiting on it (security events and denials: the answer's
   * timing must not tell whether a row was written). The request context (id, IP, actor) is
   * read now; a failure is logged, never thrown.
   */
  recordDetached(entry: AuditEntry): Promise<void> {
    const pending = this.record(entry).catch((err: Error) => {
      this.logger.error(`could not audit ${entry.action}: ${err.message}`);
    });
    this.inFlight.add(pending);
    void pending.finally(() => this.inFlight.delete(pending));
    return pending;
  }

  /** Entries computed asynchronously (e.g. after a lookup), written detached under the request
   * context captured by the caller. */
  recordManyDetached(
    entries: Promise<AuditEntry[]>,
    ctx: RequestContext | undefined,
  ): Promise<void> {
    const pending = entries
      .then((list) =>
        ctx ? runInContext(ctx, () => this.recordMany(list)) : this.recordMany(list),
      )
      .catch((err: Error) => {
        this.logger.error(`could not audit a denial: ${err.message}`);
      });
    this.inFlight.add(pending);
    void pending.finally(() => this.inFlight.delete(pending));
    return pending;
  }

  private readonly inFlight = new Set<Promise<void>>();

  /** Waits for detached writes (shutdown, and tests that read what was just recorded). */
  async flush(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /**
   * A refusal (see `denialEntry` in src/access/denial-audit.ts), written so the
   * response never waits on it: this returns at once, and the record the refusal aimed at is
   * looked up (in any LA, when `find` names it) and its rows written afterwards (`rowsFor`:
   * record id, its LA and children; a cross-LA probe on the owning LA's trail too). A hidden
   * record's 404 thus takes as long as a random id's, and a failure to write is logged, never
   * turned into a 5xx.
   */
  recordDenial(entry: AuditEntry, find?: DenialLookup): Promise<void> {
    const ctx = currentContext();
    const callerLa =
      (entry.actor === undefined ? ctx?.actor : entry.actor)?.localAuthorityId ?? null;
    const rows = (async () => {
      if (!find) return [entry];
      const record =
        'route' in find
          ? await this.deniedRecords.resolve(find.route.template, find.route.params)
          : await this.deniedRecords.resolveById(find.recordType, find.recordId);
      return rowsFor(callerLa, entry, record);
    })();
    void this.recordManyDetached(rows, ctx);
    return Promise.resolve();
  }
}

/** How to find the record a refusal aimed at: by type and id, or from the route. */
export type DenialLookup =
  | { recordType: string; recordId: string }
  | { route: { template: string; params: Record<string, unknown> } };

export type { AuditEntry };
