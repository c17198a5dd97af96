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
import { Decision } from 'src/decisions/decision.entity';
import { Person } from 'src/families/person.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import type { CspStatus, HarmType } from './plan-rules';

/** A person of concern named on a safety plan (free text; not a record of Tandem's). */
export interface PersonOfConcern {
  name: string;
  description?: string;
}

/**
 * A Child Community Safety Plan for one young person at risk of harm outside the home. Created
 * by the `start_community_safety_plan` decision (same transaction), ended by
 * `end_community_safety_plan`; the rationale lives on those decisions, never on the plan.
 * At most one active plan per child (partial unique index, hand-written).
 */
@Entity('community_safety_plan')
@Index('ux_community_safety_plan_active_child', { synchronize: false })
@Index('ix_community_safety_plan_case', ['caseId', 'startedOn', 'id'])
@Check('ck_community_safety_plan_status', `status IN ('active','ended')`)
@Check('ck_community_safety_plan_harm_types', `cardinality(harm_types) > 0`)
export class CommunitySafetyPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_community_safety_plan_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_community_safety_plan_child' })
  child?: Person;

  @Column({ type: 'text', default: 'active' })
  status: CspStatus;

  @Column({ type: 'text', array: true })
  harmTypes: HarmType[];

  /** Places and contexts of concern. */
  @Column({ type: 'text', array: true })
  contexts: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  personsOfConcern: PersonOfConcern[];

  @Column({ type: 'date' })
  reviewDate: string;

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'uuid' })
  startDecisionId: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'start_decision_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_start_decision',
  })
  startDecision?: Decision;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  endDecisionId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'end_decision_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_end_decision',
  })
  endDecision?: Decision;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
