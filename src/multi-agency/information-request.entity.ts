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
import { User } from 'src/users/user.entity';
import { StrategyDiscussion } from './strategy-discussion.entity';
import { sqlList } from './strategy-discussion.rules';
import {
  GATEWAYS,
  REQUEST_STATUSES,
  UK_GDPR_CONDITIONS,
  type Gateway,
  type RequestStatus,
  type UkGdprCondition,
} from './information-request.rules';

/**
 * A request for information about named children, to one user (a partner or MACPT member) or
 * to the members of an agency: the questions, the statutory gateway and the UK GDPR condition
 * (recorded separately), when it is due. The addressee acknowledges, answers (text, or
 * "nothing known") or declines with a reason; the sender may withdraw it. `overdue` is derived.
 */
@Entity('information_request')
@Index('ix_information_request_case', ['caseId', 'dueAt', 'id'])
@Index('ix_information_request_la_due', ['localAuthorityId', 'dueAt', 'id'])
@Index('ix_information_request_la_agency', ['localAuthorityId', 'recipientAgency', 'dueAt', 'id'])
@Index('ix_information_request_recipient', ['recipientUserId', 'dueAt'])
@Check('ck_information_request_status', `status IN (${sqlList(REQUEST_STATUSES)})`)
@Check('ck_information_request_gateway', `gateway IN (${sqlList(GATEWAYS)})`)
@Check('ck_information_request_condition', `uk_gdpr_condition IN (${sqlList(UK_GDPR_CONDITIONS)})`)
@Check(
  'ck_information_request_recipient',
  `(recipient_user_id IS NULL) <> (recipient_agency IS NULL)`,
)
@Check(
  'ck_information_request_declined',
  `status <> 'declined' OR char_length(btrim(decline_reason)) >= 20`,
)
@Check(
  'ck_information_request_answered',
  `status <> 'answered' OR answer_text IS NOT NULL OR nothing_known`,
)
export class InformationRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_information_request_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_information_request_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid', nullable: true })
  discussionId: string | null;

  @ManyToOne(() => StrategyDiscussion, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'discussion_id',
    foreignKeyConstraintName: 'fk_information_request_discussion',
  })
  discussion?: StrategyDiscussion;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recipient_user_id',
    foreignKeyConstraintName: 'fk_information_request_recipient',
  })
  recipientUser?: User;

  /** Or every partner or MACPT member of this agency in the LA. */
  @Column({ type: 'text', nullable: true })
  recipientAgency: string | null;

  @Column({ type: 'jsonb' })
  questions: string[];

  /** The address the addressee should search on (the child's, as the sender knows it). */
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text' })
  gateway: Gateway;

  @Column({ type: 'text' })
  ukGdprCondition: UkGdprCondition;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'sent' })
  status: RequestStatus;

  @Column({ type: 'uuid' })
  sentById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sent_by_id', foreignKeyConstraintName: 'fk_information_request_sent_by' })
  sentBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  sentAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  respondedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'responded_by_id',
    foreignKeyConstraintName: 'fk_information_request_responded_by',
  })
  respondedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  answerText: string | null;

  @Column({ type: 'boolean', default: false })
  nothingKnown: boolean;

  /** Why the agency withholds (its judgement that sharing would be more detrimental). */
  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
