import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

export const GATEWAY_DECISIONS = [
  'pre_proceedings',
  'issue',
  'threshold_not_met',
  'further_assessment',
] as const;
export type GatewayDecision = (typeof GATEWAY_DECISIONS)[number];
export const PRE_PROCEEDINGS_MEETING_KINDS = ['initial', 'review'] as const;
export type PreProceedingsMeetingKind = (typeof PRE_PROCEEDINGS_MEETING_KINDS)[number];

/** A legal gateway (legal planning) meeting, chaired by a service_manager: it precedes
 * pre-proceedings. */
@Entity('legal_gateway_meeting')
@Index('ix_legal_gateway_meeting_case', ['caseId', 'heldOn', 'id'])
@Check(
  'ck_legal_gateway_meeting_decision',
  `decision IN ('pre_proceedings','issue','threshold_not_met','further_assessment')`,
)
export class LegalGatewayMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_legal_gateway_meeting_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_legal_gateway_meeting_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'uuid' })
  chairId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_id', foreignKeyConstraintName: 'fk_legal_gateway_meeting_chair' })
  chair?: User;

  @Column({ type: 'text' })
  legalAdviser: string;

  @Column({ type: 'text' })
  decision: GatewayDecision;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_legal_gateway_meeting_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}

/** A pre-proceedings meeting with the parents and their lawyers (the initial one, reviews). */
@Entity('pre_proceedings_meeting')
@Index('ix_pre_proceedings_meeting_case', ['caseId', 'heldOn', 'id'])
@Check('ck_pre_proceedings_meeting_kind', `kind IN ('initial','review')`)
export class PreProceedingsMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_pre_proceedings_meeting_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_pre_proceedings_meeting_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  kind: PreProceedingsMeetingKind;

  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'text', array: true })
  attendees: string[];

  @Column({ type: 'boolean' })
  parentsRepresented: boolean;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_pre_proceedings_meeting_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}

/** What a proceedings decision cites beyond the decision row (docs/before-proceedings.md):
 * the legal gateway meeting behind `initiate_pre_proceedings`; the court, its case number and
 * the day the application was issued for `apply_for_care_proceedings`. */
@Entity('proceedings_decision_detail')
@Check(
  'ck_proceedings_decision_detail_outcome',
  `outcome IS NULL OR outcome IN ('step_down_child_protection','step_down_family_help','issue_proceedings_declined')`,
)
@Check(
  'ck_proceedings_decision_detail_orders',
  `orders IS NULL OR (cardinality(orders) > 0 AND orders <@ ARRAY['care_order','supervision_order','special_guardianship_order','child_arrangements_order','placement_order','no_order','withdrawn']::text[])`,
)
@Index('ix_proceedings_decision_detail_case', ['caseId'])
export class ProceedingsDecisionDetail {
  /** The decision (written in the decision's own transaction; src/proceedings does not import
   * src/decisions, which calls it). */
  @PrimaryColumn({ type: 'uuid' })
  decisionId: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_proceedings_decision_detail_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_proceedings_decision_detail_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid', nullable: true })
  legalGatewayId: string | null;

  @ManyToOne(() => LegalGatewayMeeting, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'legal_gateway_id',
    foreignKeyConstraintName: 'fk_proceedings_decision_detail_gateway',
  })
  legalGateway?: LegalGatewayMeeting;

  @Column({ type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  @Column({ type: 'text', nullable: true })
  courtCaseNumber: string | null;

  /** `end_pre_proceedings`: how pre-proceedings ended (step down, or issue declined). */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  /** `conclude_care_proceedings`: the day the court made its final orders. */
  @Column({ type: 'date', nullable: true })
  concludedOn: string | null;

  /** `conclude_care_proceedings`: the orders made (`no_order` alone when none; `withdrawn`
   * alone when the application was withdrawn). */
  @Column({ type: 'text', array: true, nullable: true })
  orders: string[] | null;

  /** The authorised FGDM exemption an urgent application relied on, if any. */
  @Column({ type: 'uuid', nullable: true })
  fgdmExemptionId: string | null;
}
