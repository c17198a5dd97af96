import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { CaseRecord } from './case.entity';
import type { ClosureReason, PrimaryNeed, ReferralSource } from './cin-codes';

/**
 * One episode of a case: a referral and, once closed, its closure (the CIN census's
 * `CINdetails`). A case's first episode starts with the case; each reopening starts the next
 * (`seq` 1, 2, …). At most one open episode per case (partial unique index, hand-written): the
 * case is open exactly while its last episode is.
 *
 * `closedOn` is the date the practitioner gave for the closure, never the day it was typed. It
 * is null on a closed episode only when the closure predates this table and its date was never
 * recorded (migrated as unknown, never invented). `primaryNeedAtClosure` is the CIN primary need
 * (`N0`-`N9`) as assessed at closure; null when not recorded.
 */
@Entity('case_episode')
@Index('ux_case_episode_seq', ['caseId', 'seq'], { unique: true })
@Index('ux_case_episode_open', { synchronize: false })
@Index('ix_case_episode_la_closed', ['localAuthorityId', 'closedOn'])
@Check('ck_case_episode_seq', `seq >= 1`)
@Check(
  'ck_case_episode_open',
  `closed OR (closed_on IS NULL AND closure_reason IS NULL AND primary_need_at_closure IS NULL)`,
)
@Check('ck_case_episode_closed_on', `closed_on IS NULL OR closed_on >= referral_date`)
@Check(
  'ck_case_episode_referral_source',
  `referral_source IN ('1A','1B','1C','1D','2A','2B','3A','3B','3C','3D','3E','3F','4','5A','5B','5C','5D','6','7','8','9','10')`,
)
@Check(
  'ck_case_episode_closure_reason',
  `closure_reason IS NULL OR closure_reason IN ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')`,
)
@Check(
  'ck_case_episode_primary_need',
  `primary_need_at_closure IS NULL OR primary_need_at_closure IN ('N0','N1','N2','N3','N4','N5','N6','N7','N8','N9')`,
)
@Check(
  'ck_case_episode_cin_plan',
  `cin_plan_started_on IS NULL OR (cin_plan_started_on >= referral_date AND (closed_on IS NULL OR cin_plan_started_on <= closed_on))`,
)
export class CaseEpisode {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_episode' })
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_case_episode_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_episode_case' })
  case?: CaseRecord;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'date' })
  referralDate: string;

  @Column({ type: 'text' })
  referralSource: ReferralSource;

  @Column({ type: 'boolean', default: false })
  closed: boolean;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'text', nullable: true })
  closureReason: ClosureReason | null;

  @Column({ type: 'text', nullable: true })
  primaryNeedAtClosure: PrimaryNeed | null;

  /**
   * When the case's Family Help plan (the CIN plan) started in this episode; null while there
   * is none. Its ends are derived (a child's CP plan starting, the episode's closure).
   */
  @Column({ type: 'date', nullable: true })
  cinPlanStartedOn: string | null;
}
