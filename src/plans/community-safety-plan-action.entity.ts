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
import type { Agency } from 'src/access/roles';
import { User } from 'src/users/user.entity';
import { CommunitySafetyPlan } from './community-safety-plan.entity';
import type { ActionStatus } from './plan-rules';

/** An action of a safety plan, owned by an agency (whose partner users may update it). */
@Entity('community_safety_plan_action')
@Index('ix_community_safety_plan_action_plan', ['planId', 'dueDate', 'id'])
@Check(
  'ck_community_safety_plan_action_agency',
  `agency IN ('social_care','police','health','education','youth_justice','housing','voluntary')`,
)
@Check(
  'ck_community_safety_plan_action_status',
  `status IN ('open','in_progress','done','cancelled')`,
)
export class CommunitySafetyPlanAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => CommunitySafetyPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'plan_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_action_plan',
  })
  plan?: CommunitySafetyPlan;

  @Column({ type: 'text' })
  agency: Agency;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'text', default: 'open' })
  status: ActionStatus;

  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'owner_user_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_action_owner',
  })
  ownerUser?: User;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'created_by_id',
    foreignKeyConstraintName: 'fk_community_safety_plan_action_created_by',
  })
  createdBy?: User;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  updatedAt: Date;
}
