import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE on this table (triggers).
 * Partitioned by month on `at` (so `at` is part of the primary key; see the PartitionAuditEvent
 * migration and AuditPartitionsService). */
@Entity('audit_event')
@Index('ix_audit_event_la_at', ['localAuthorityId', 'at', 'id'])
@Index('ix_audit_event_record', ['recordId', 'at'])
@Index('ix_audit_event_actor', ['actorId', 'at'])
// Partial index for the platform admin's security events (hand-written in its migration).
@Index('ix_audit_event_security', { synchronize: false })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()', primary: true })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  localAuthorityId: string | null;

  @Column({ type: 'text' })
  actorType: 'user' | 'client' | 'anonymous' | 'system';

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  recordType: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;

  /** Children whose records this event touched: drives the child access report. */
  @Index('ix_audit_event_children', { synchronize: false })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  childIds: string[];

  @Column({ type: 'text', default: 'success' })
  outcome: 'success' | 'denied' | 'failure';

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Field-level before/after for changes: { field: { before, after } }. Never secrets. */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, { before: unknown; after: unknown }> | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;
}
