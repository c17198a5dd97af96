import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { CaseRecord } from './case.entity';

/**
 * A co-worker on a case (the ECPP). Assignments are ended, never deleted: at most one active
 * row (`ended_at IS NULL`) per case and user (partial unique index, hand-written).
 */
@Entity('case_co_worker')
@Index('ux_case_co_worker_active', { synchronize: false })
@Index('ix_case_co_worker_case', ['caseId', 'assignedAt'])
@Index('ix_case_co_worker_user', ['userId', 'endedAt'])
@Index('ux_case_co_worker_accountable', { synchronize: false })
@Check('ck_case_co_worker_kind', `kind IN ('accountable','cover')`)
@Check('ck_case_co_worker_cover_to', `cover_to IS NULL OR cover_to >= assigned_on`)
export class CaseCoWorker {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_co_worker_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_case_co_worker_user' })
  user?: User;

  @Column({ type: 'text', default: 'ecpp' })
  role: string;

  @Column({ type: 'uuid' })
  assignedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_by_id', foreignKeyConstraintName: 'fk_case_co_worker_assigned_by' })
  assignedBy?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  assignedAt: Date;

  /** `accountable` (one active per case) or `cover` (while the accountable ECPP is away). */
  @Column({ type: 'text', default: 'accountable' })
  kind: 'accountable' | 'cover';

  /** The date the assignment took effect (never in the future); decisions are not dated before it. */
  @Column({ type: 'date' })
  assignedOn: string;

  /** The last day of a cover (inclusive); null: until ended. */
  @Column({ type: 'date', nullable: true })
  coverTo: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;
}
