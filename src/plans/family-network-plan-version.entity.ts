import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { FamilyNetworkPlan } from './family-network-plan.entity';

/** A network carer named by a plan, and the arrangement (living with, day-to-day support …). */
export interface PlanCarer {
  networkMemberId: string;
  arrangement: string;
}

/** The support package; money in pence. */
export interface SupportPackage {
  weeklyAllowance?: number;
  oneOffCosts?: { description: string; amount: number }[];
  practicalSupport?: string;
  legalSupport?: string;
  kinshipLeaveSupport?: string;
}

/** One version of a Family Network Plan's content. Immutable: an edit adds a version. */
@Entity('family_network_plan_version')
@Unique('ux_family_network_plan_version', ['planId', 'number'])
export class FamilyNetworkPlanVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => FamilyNetworkPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_family_network_plan_version_plan' })
  plan?: FamilyNetworkPlan;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'jsonb' })
  carers: PlanCarer[];

  @Column({ type: 'jsonb' })
  supportPackage: SupportPackage;

  @Column({ type: 'date' })
  reviewDate: string;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'created_by_id',
    foreignKeyConstraintName: 'fk_family_network_plan_version_created_by',
  })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
