import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Months of audit_event partitions kept ready ahead of the current one. */
export const AUDIT_PARTITIONS_AHEAD = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates audit_event's monthly partitions ahead of time (the SQL function
 * audit_event_ensure_partitions from the PartitionAuditEvent migration; idempotent, and safe
 * from several instances at once): at start and daily. Should it ever not run, rows land in the
 * DEFAULT partition: nothing is lost.
 */
@Injectable()
export class AuditPartitionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditPartitions');
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => {
      this.ensure().catch((err: Error) => this.logger.warn(`partitions: ${err.message}`));
    }, DAY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Makes the missing monthly partitions up to AUDIT_PARTITIONS_AHEAD months ahead. */
  async ensure(): Promise<number> {
    // One instance at a time (a transaction-scoped advisory lock; others wait, then find them made).
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('audit_event_ensure_partitions'))`);
      const [row] = await m.query(`SELECT audit_event_ensure_partitions($1) AS made`, [
        AUDIT_PARTITIONS_AHEAD,
      ]);
      return Number(row.made);
    });
  }
}
