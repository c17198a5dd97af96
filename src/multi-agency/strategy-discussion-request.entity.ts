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
import { CaseRecord } from 'src/cases/case.entity';
import { User } from 'src/users/user.entity';

/** The Family Help lead asks for a strategy discussion; the ECPP or cp_manager answers it by
 * scheduling one (`strategy_discussion.request_id`). */
@Entity('strategy_discussion_request')
@Index('ix_strategy_discussion_request_case', ['caseId', 'requestedAt', 'id'])
@Check('ck_strategy_discussion_request_status', `status IN ('open','answered')`)
export class StrategyDiscussionRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_strategy_discussion_request_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'answered';

  @Column({ type: 'uuid', nullable: true })
  answeredByDiscussionId: string | null;

  @Column({ type: 'uuid' })
  requestedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'requested_by_id',
    foreignKeyConstraintName: 'fk_strategy_discussion_request_by',
  })
  requestedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  requestedAt: Date;
}
