import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { CpCategory, DecisionType } from 'src/case-history/case-types';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';
import { StrategyDiscussion } from 'src/multi-agency/strategy-discussion.entity';
import { CpConference } from 'src/conferences/conference.entity';
import { DecisionRequest } from './decision-request.entity';

/**
 * A key child-protection decision, recorded by the ECPP co-working the case. Append-only: the
 * database refuses UPDATE and DELETE (trigger); a mistake is corrected by a new decision that
 * supersedes it (`supersedesId`, unique: a decision is superseded at most once).
 */
@Entity('decision')
@Unique('ux_decision_request', ['requestId'])
@Unique('ux_decision_supersedes', ['supersedesId'])
@Index('ix_decision_case', ['caseId', 'createdAt'])
@Index('ix_decision_la', ['localAuthorityId', 'createdAt'])
@Index('ix_decision_la_type_effective', ['localAuthorityId', 'type', 'effectiveDate'])
@Check(
  'ck_decision_type',
  `type IN ('start_section_47_enquiry','no_further_action','convene_initial_cp_conference','start_child_protection_plan','end_child_protection_plan','initiate_pre_proceedings','apply_for_care_proceedings','start_community_safety_plan','end_community_safety_plan','end_pre_proceedings','conclude_care_proceedings')`,
)
@Check('ck_decision_category', `category IS NULL OR category IN ('NEG','PHY','EMO','SAB','MUL')`)
@Check('ck_decision_plan_category', `type <> 'start_child_protection_plan' OR category IS NOT NULL`)
@Check('ck_decision_rationale', `char_length(btrim(rationale)) >= 20`)
@Check('ck_decision_children', `cardinality(child_ids) > 0`)
@Check(
  'ck_decision_s47_strategy_date',
  `type <> 'start_section_47_enquiry' OR strategy_discussion_date IS NOT NULL`,
)
@Check(
  'ck_decision_override_reason',
  `override_reason IS NULL OR char_length(btrim(override_reason)) >= 20`,
)
@Check(
  'ck_decision_exception',
  `exception IS NULL OR (exception IN ('moved_to_other_la','reached_18','died','left_uk') AND type = 'end_child_protection_plan' AND exception_reason IS NOT NULL)`,
)
@Check('ck_decision_not_self_superseding', `supersedes_id IS NULL OR supersedes_id <> id`)
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_decision_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_decision_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  type: DecisionType;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'date' })
  effectiveDate: string;

  @Column({ type: 'text', nullable: true })
  category: CpCategory | null;

  /** s47: the date the initial conference clock runs from (the cited discussion's heldOn, or
   * the date given with an override); never defaulted (CHECK). */
  @Column({ type: 'date', nullable: true })
  strategyDiscussionDate: string | null;

  /** s47: the concluded strategy discussion it cites. */
  @Column({ type: 'uuid', nullable: true })
  strategyDiscussionId: string | null;

  @ManyToOne(() => StrategyDiscussion, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'strategy_discussion_id',
    foreignKeyConstraintName: 'fk_decision_strategy_discussion',
  })
  strategyDiscussion?: StrategyDiscussion;

  /** s47: why no discussion is cited, or why a core agency did not take part in it. */
  @Column({ type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'date', nullable: true })
  conferenceDate: string | null;

  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  /** The conference whose outcome a plan decision records (start: initial, transfer-in or
   * pre-birth with `start`; end: a review with `end`). */
  @Column({ type: 'uuid', nullable: true })
  conferenceId: string | null;

  @ManyToOne(() => CpConference, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conference_id', foreignKeyConstraintName: 'fk_decision_conference' })
  conference?: CpConference;

  /** A statutory exception ending a plan without a review conference. */
  @Column({ type: 'text', nullable: true })
  exception: string | null;

  @Column({ type: 'text', nullable: true })
  exceptionReason: string | null;

  /** The decision request this decision answers (at most one decision answers a request). */
  @Column({ type: 'uuid', nullable: true })
  requestId: string | null;

  @ManyToOne(() => DecisionRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_decision_request' })
  request?: DecisionRequest;

  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'fk_decision_supersedes' })
  supersedes?: Decision;

  @Column({ type: 'uuid' })
  decidedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_decision_decided_by' })
  decidedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
