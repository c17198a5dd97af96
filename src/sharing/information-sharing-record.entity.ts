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
import type { Agency } from 'src/access/roles';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';
import type { LawfulBasis } from './lawful-basis';

export const SHARED_RECORD_TYPES = [
  'community_safety_plan',
  'family_network_plan',
  'fgdm_meeting',
] as const;
export type SharedRecordType = (typeof SHARED_RECORD_TYPES)[number];

/** Why the system ended a share (a person's end has none: `ended_by_id` names them). */
export const SHARE_END_REASONS = ['plan_ended', 'agency_changed', 'partner_removed'] as const;
export type ShareEndReason = (typeof SHARE_END_REASONS)[number];

/**
 * An information-sharing record: a record shared by name with a partner agency user — what,
 * with whom (user and agency), the lawful basis, by whom, when — and its end. While
 * `ended_at` is null it is the partner's *share*: their only way to see anything. Rows are
 * never deleted; only the end columns are ever set (trigger, hand-written), and at most one
 * active share per record and user (partial unique index, hand-written). A share ends with its
 * plan, and when its partner changes agency or stops being a partner (triggers, migration
 * `SharesEndWithPlanAndAgency`: `end_reason` says which, `ended_by_id` is null).
 */
@Entity('information_sharing_record')
@Index('ux_information_sharing_record_active', { synchronize: false })
@Index('ix_information_sharing_record_la', ['localAuthorityId', 'sharedAt', 'id'])
@Index('ix_information_sharing_record_case', ['caseId', 'sharedAt', 'id'])
@Index('ix_information_sharing_record_with_user', ['withUserId', 'endedAt'])
@Check(
  'ck_information_sharing_record_type',
  `record_type IN ('community_safety_plan','family_network_plan','fgdm_meeting')`,
)
@Check(
  'ck_information_sharing_record_agency',
  `agency IN ('social_care','police','health','education','youth_justice','housing','voluntary')`,
)
@Check(
  'ck_information_sharing_record_ended',
  `(ended_at IS NULL AND ended_by_id IS NULL AND end_reason IS NULL) OR (ended_at IS NOT NULL AND (ended_by_id IS NOT NULL OR end_reason IS NOT NULL))`,
)
@Check(
  'ck_information_sharing_record_end_reason',
  `end_reason IN ('plan_ended','agency_changed','partner_removed')`,
)
export class InformationSharingRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_information_sharing_record_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_information_sharing_record_case' })
  case?: CaseRecord;

  @Column({ type: 'text' })
  recordType: SharedRecordType;

  @Column({ type: 'uuid' })
  recordId: string;

  /** The children whose information the share discloses (name and date of birth). */
  @Column({ type: 'uuid', array: true })
  childIds: string[];

  /** What was shared, in words (e.g. "Child Community Safety Plan: content and actions"). */
  @Column({ type: 'text' })
  what: string;

  @Column({ type: 'uuid' })
  withUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'with_user_id',
    foreignKeyConstraintName: 'fk_information_sharing_record_with_user',
  })
  withUser?: User;

  @Column({ type: 'text' })
  agency: Agency;

  @Column({ type: 'text' })
  lawfulBasis: LawfulBasis;

  @Column({ type: 'uuid' })
  sharedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'shared_by_id',
    foreignKeyConstraintName: 'fk_information_sharing_record_shared_by',
  })
  sharedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  sharedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'ended_by_id',
    foreignKeyConstraintName: 'fk_information_sharing_record_ended_by',
  })
  endedBy?: User;

  @Column({ type: 'text', nullable: true })
  endReason: ShareEndReason | null;
}
