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
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { Team } from 'src/teams/team.entity';
import { User } from 'src/users/user.entity';
import {
  DISCUSSION_FORMATS,
  DISCUSSION_STATUSES,
  type DiscussionFormat,
  type DiscussionStatus,
  type Invitee,
  type Participant,
  type Contribution,
  sqlList,
} from './strategy-discussion.rules';

/**
 * A multi-agency strategy discussion about named children of a case: scheduled → held →
 * concluded (its outcome is a row of `strategy_discussion_outcome`), or cancelled with a
 * reason. Run by the co-working ECPP or a cp_manager; `team_id` is the child-protection team
 * whose MACPT members take part.
 */
@Entity('strategy_discussion')
@Index('ix_strategy_discussion_case', ['caseId', 'scheduledFor', 'id'])
@Check('ck_strategy_discussion_status', `status IN (${sqlList(DISCUSSION_STATUSES)})`)
@Check('ck_strategy_discussion_format', `format IN (${sqlList(DISCUSSION_FORMATS)})`)
@Check('ck_strategy_discussion_held', `(status IN ('held','concluded')) = (held_on IS NOT NULL)`)
@Check(
  'ck_strategy_discussion_cancelled',
  `(status = 'cancelled') = (cancelled_reason IS NOT NULL)`,
)
export class StrategyDiscussion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_strategy_discussion_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_strategy_discussion_la' })
  localAuthority?: LocalAuthority;

  /** The child-protection team running it (the runner's); its MACPT members take part. */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_strategy_discussion_team' })
  team?: Team;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'uuid', array: true })
  concernIds: string[];

  @Column({ type: 'timestamptz' })
  scheduledFor: Date;

  @Column({ type: 'text' })
  format: DiscussionFormat;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  invitees: Invitee[];

  @Column({ type: 'text' })
  status: DiscussionStatus;

  @Column({ type: 'date', nullable: true })
  heldOn: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  participants: Participant[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contributions: Contribution[];

  @Column({ type: 'text', nullable: true })
  cancelledReason: string | null;

  /** The s47 enquiry it agreed is open: set when concluded with a s47 outcome (or cited by a
   * s47 decision), cleared when the enquiry ends (no further action, step-down) or the case
   * closes. With `scheduled`/`held`, what lets its team's MACPT members read the case. */
  @Column({ type: 'boolean', default: false })
  enquiryOpen: boolean;

  /** The Family Help lead's request this discussion answers. */
  @Column({ type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'created_by_id',
    foreignKeyConstraintName: 'fk_strategy_discussion_created_by',
  })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
