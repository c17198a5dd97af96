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
import { FamilyNetworkPlan } from './family-network-plan.entity';

/** A review of a Family Network Plan: meets the review due on `dueDate`. Immutable. */
@Entity('family_network_plan_review')
@Index('ix_family_network_plan_review_plan', ['planId', 'reviewedOn', 'id'])
export class FamilyNetworkPlanReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => FamilyNetworkPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_family_network_plan_review_plan' })
  plan?: FamilyNetworkPlan;

  /** The review date this review met. */
  @Column({ type: 'date' })
  dueDate: string;

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
    foreignKeyConstraintName: 'fk_family_network_plan_review_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
