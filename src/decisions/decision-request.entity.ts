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
import type { DecisionType } from 'src/case-history/case-types';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/**
 * A Family Help practitioner's request for a key decision, with their view. Append-only; it
 * is answered by the decision that references it (`decision.request_id`).
 */
@Entity('decision_request')
@Index('ix_decision_request_case', ['caseId', 'requestedAt'])
@Index('ix_decision_request_la', ['localAuthorityId', 'requestedAt', 'id'])
@Check(
  'ck_decision_request_type',
  `type IN ('start_section_47_enquiry','no_further_action','convene_initial_cp_conference','start_child_protection_plan','end_child_protection_plan','initiate_pre_proceedings','apply_for_care_proceedings','start_community_safety_plan','end_community_safety_plan','end_pre_proceedings','conclude_care_proceedings')`,
)
@Check('ck_decision_request_view', `char_length(btrim(view)) > 0`)
export class DecisionRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_decision_request_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_decision_request_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  type: DecisionType;

  @Column({ type: 'text' })
  view: string;

  @Column({ type: 'uuid' })
  requestedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'requested_by_id',
    foreignKeyConstraintName: 'fk_decision_request_requested_by',
  })
  requestedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  requestedAt: Date;
}
