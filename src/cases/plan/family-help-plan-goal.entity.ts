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
import { FamilyHelpPlan } from './family-help-plan.entity';

export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

@Entity('family_help_plan_goal')
@Index('ix_family_help_plan_goal_plan', ['planId', 'createdAt', 'id'])
@Check('ck_family_help_plan_goal_status', `status IN ('open','achieved','dropped')`)
export class FamilyHelpPlanGoal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => FamilyHelpPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_family_help_plan_goal_plan' })
  plan?: FamilyHelpPlan;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', default: 'open' })
  status: GoalStatus;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
