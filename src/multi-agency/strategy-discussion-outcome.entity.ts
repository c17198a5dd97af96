import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { StrategyDiscussion } from './strategy-discussion.entity';
import {
  IMMEDIATE_PROTECTION,
  S47_OUTCOMES,
  type Dissent,
  type ImmediateProtection,
  type ParentsInformed,
  type S47Outcome,
  sqlList,
} from './strategy-discussion.rules';

/**
 * The outcome of a strategy discussion: recorded once; a correction is a new row that
 * supersedes it (append-only, trigger). The discussion's current outcome is the one no other
 * row supersedes.
 */
@Entity('strategy_discussion_outcome')
@Index('ix_strategy_discussion_outcome_discussion', ['discussionId', 'recordedAt'])
@Index('ux_strategy_discussion_outcome_supersedes', ['supersedesId'], { unique: true })
@Check('ck_strategy_discussion_outcome_s47', `s47 IN (${sqlList(S47_OUTCOMES)})`)
@Check(
  'ck_strategy_discussion_outcome_protection',
  `immediate_protection IN (${sqlList(IMMEDIATE_PROTECTION)})`,
)
export class StrategyDiscussionOutcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  discussionId: string;

  @ManyToOne(() => StrategyDiscussion, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'discussion_id',
    foreignKeyConstraintName: 'fk_strategy_discussion_outcome_discussion',
  })
  discussion?: StrategyDiscussion;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @Column({ type: 'text' })
  s47: S47Outcome;

  @Column({ type: 'text' })
  immediateProtection: ImmediateProtection;

  @Column({ type: 'boolean' })
  medical: boolean;

  @Column({ type: 'boolean' })
  abeInterview: boolean;

  @Column({ type: 'jsonb' })
  parentsInformed: ParentsInformed;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  dissent: Dissent[];

  @Column({ type: 'date', nullable: true })
  nextDiscussionOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @ManyToOne(() => StrategyDiscussionOutcome, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'supersedes_id',
    foreignKeyConstraintName: 'fk_strategy_discussion_outcome_supersedes',
  })
  supersedes?: StrategyDiscussionOutcome;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_strategy_discussion_outcome_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
