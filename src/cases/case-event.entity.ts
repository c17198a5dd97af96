import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from './case.entity';

/** The case timeline: one row per thing that happened on the case, written in the same
 * transaction as the change (TimelineService.append). Append-only (trigger). */
@Entity('case_event')
@Index('ix_case_event_case_at', ['caseId', 'at', 'id'])
@Index('ix_case_event_la_type_at', ['localAuthorityId', 'type', 'at'])
@Index('ix_case_event_la_at', ['localAuthorityId', 'at', 'caseId'])
// A case's lifecycle entries without the rest of its timeline (migration 1799004000000).
@Index('ix_case_event_case_lifecycle', ['caseId', 'at', 'id'], {
  where: `type IN ('case_created', 'case_reopened', 'referral_added', 'assessment_completed', 'assessment_authorised', 'case_closed')`,
})
export class CaseEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_event_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorType: 'user' | 'client' | 'system';

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  recordType: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;
}
