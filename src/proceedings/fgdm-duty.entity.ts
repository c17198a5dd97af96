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
import { Person } from 'src/families/person.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

export const OFFER_CHANNELS = ['letter_before_proceedings', 'in_person', 'letter'] as const;
export type OfferChannel = (typeof OFFER_CHANNELS)[number];
export const OFFER_RESPONSES = ['accepted', 'declined'] as const;
export type OfferResponse = (typeof OFFER_RESPONSES)[number];
export const EXEMPTION_SCOPES = ['offer', 'meeting'] as const;
export type ExemptionScope = (typeof EXEMPTION_SCOPES)[number];
export const REFERRAL_STATUSES = [
  'referred',
  'preparing',
  'meeting_held',
  'family_plan_agreed',
  'closed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** An offer of a family group decision-making meeting to one parent or person with PR
 * (Children Act 1989 s31ZA), and their answer. */
@Entity('fgdm_offer')
@Index('ix_fgdm_offer_case', ['caseId', 'offeredOn', 'id'])
@Check('ck_fgdm_offer_channel', `channel IN ('letter_before_proceedings','in_person','letter')`)
@Check('ck_fgdm_offer_response', `response IS NULL OR response IN ('accepted','declined')`)
@Check(
  'ck_fgdm_offer_responded',
  `(response IS NULL) = (responded_on IS NULL) AND (responded_on IS NULL OR responded_on >= offered_on)`,
)
@Check('ck_fgdm_offer_children', `cardinality(child_ids) > 0`)
export class FgdmOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_fgdm_offer_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_fgdm_offer_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'uuid' })
  offeredToId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offered_to_id', foreignKeyConstraintName: 'fk_fgdm_offer_person' })
  offeredTo?: Person;

  @Column({ type: 'date' })
  offeredOn: string;

  @Column({ type: 'text' })
  channel: OfferChannel;

  @Column({ type: 'text', nullable: true })
  response: OfferResponse | null;

  @Column({ type: 'date', nullable: true })
  respondedOn: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_fgdm_offer_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}

/** The LA's judgement that an FGDM offer (or meeting) is not in the children's best interests:
 * proposed by the case's staff, in force once a service_manager authorises it. */
@Entity('fgdm_exemption')
@Index('ix_fgdm_exemption_case', ['caseId', 'createdAt', 'id'])
@Check('ck_fgdm_exemption_scope', `scope IN ('offer','meeting')`)
@Check('ck_fgdm_exemption_reason', `char_length(reason) >= 50`)
@Check('ck_fgdm_exemption_children', `cardinality(child_ids) > 0`)
@Check('ck_fgdm_exemption_authorised', `(authorised_by_id IS NULL) = (authorised_on IS NULL)`)
export class FgdmExemption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_fgdm_exemption_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_fgdm_exemption_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'text' })
  scope: ExemptionScope;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  proposedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_id', foreignKeyConstraintName: 'fk_fgdm_exemption_proposed_by' })
  proposedBy?: User;

  @Column({ type: 'uuid', nullable: true })
  authorisedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'authorised_by_id',
    foreignKeyConstraintName: 'fk_fgdm_exemption_authorised_by',
  })
  authorisedBy?: User;

  @Column({ type: 'date', nullable: true })
  authorisedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}

/** A referral of the family to an FGDM coordinator (who sees only their own referrals). */
@Entity('fgdm_referral')
@Index('ix_fgdm_referral_case', ['caseId', 'createdAt', 'id'])
@Index('ix_fgdm_referral_coordinator', ['coordinatorId', 'createdAt', 'id'])
@Check(
  'ck_fgdm_referral_status',
  `status IN ('referred','preparing','meeting_held','family_plan_agreed','closed')`,
)
@Check('ck_fgdm_referral_children', `cardinality(child_ids) > 0`)
export class FgdmReferral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_fgdm_referral_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_fgdm_referral_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  coordinatorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coordinator_id', foreignKeyConstraintName: 'fk_fgdm_referral_coordinator' })
  coordinator?: User;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  /** The concern in words written for the family: all the coordinator reads of the case. */
  @Column({ type: 'text' })
  summaryForFamily: string;

  @Column({ type: 'text', default: 'referred' })
  status: ReferralStatus;

  @Column({ type: 'uuid' })
  referredById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referred_by_id', foreignKeyConstraintName: 'fk_fgdm_referral_referred_by' })
  referredBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
