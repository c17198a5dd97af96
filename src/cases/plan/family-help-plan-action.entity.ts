import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { FamilyHelpPlanGoal } from './family-help-plan-goal.entity';
import { FamilyHelpPlan } from './family-help-plan.entity';

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Something someone will do: owned by a Tandem user or by a named person (a parent, a
 * worker outside Tandem). */
@Entity('family_help_plan_action')
@Index('ix_family_help_plan_action_plan', ['planId', 'createdAt', 'id'])
@Check(
  'ck_family_help_plan_action_status',
  `status IN ('not_started','in_progress','done','dropped')`,
)
@Check('ck_family_help_plan_action_owner', `owner_user_id IS NOT NULL OR owner_name IS NOT NULL`)
export class FamilyHelpPlanAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => FamilyHelpPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_family_help_plan_action_plan' })
  plan?: FamilyHelpPlan;

  @Column({ type: 'uuid', nullable: true })
  goalId: string | null;

  @ManyToOne(() => FamilyHelpPlanGoal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_family_help_plan_action_goal' })
  goal?: FamilyHelpPlanGoal;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'owner_user_id',
    foreignKeyConstraintName: 'fk_family_help_plan_action_owner',
  })
  ownerUser?: User;

  @Column({ type: 'text', nullable: true })
  ownerName: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: 'not_started' })
  status: ActionStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
