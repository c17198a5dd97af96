import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { FamilyHelpPlan } from './family-help-plan.entity';

/** A review of the plan: when it happened and what it concluded. Immutable. */
@Entity('family_help_plan_review')
@Index('ix_family_help_plan_review_plan', ['planId', 'reviewDate', 'id'])
export class FamilyHelpPlanReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => FamilyHelpPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_family_help_plan_review_plan' })
  plan?: FamilyHelpPlan;

  @Column({ type: 'date' })
  reviewDate: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'uuid' })
  recordedById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
