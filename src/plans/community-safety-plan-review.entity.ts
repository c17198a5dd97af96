import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { CommunitySafetyPlan } from './community-safety-plan.entity';

/** A review of a safety plan. Immutable. */
@Entity('community_safety_plan_review')
@Index('ix_community_safety_plan_review_plan', ['planId', 'reviewedOn', 'id'])
export class CommunitySafetyPlanReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => CommunitySafetyPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'plan_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_review_plan',
  })
  plan?: CommunitySafetyPlan;

  @Column({ type: 'date' })
  reviewedOn: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'date', nullable: true })
  nextReviewDate: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_review_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
