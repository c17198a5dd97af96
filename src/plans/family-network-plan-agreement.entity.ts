import {
  Check,
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
import { AGREEMENT_ROLES, type AgreementRole } from './plan-rules';
import { sqlList } from 'src/common/cin-codes';

/** An agreement to one version of a plan's support package, by a manager or the ECPP. */
@Entity('family_network_plan_agreement')
@Unique('ux_family_network_plan_agreement', ['planId', 'versionNumber', 'role'])
@Check('ck_family_network_plan_agreement_role', `role IN (${sqlList(AGREEMENT_ROLES)})`)
export class FamilyNetworkPlanAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => FamilyNetworkPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'plan_id',
    foreignKeyConstraintName: 'fk_family_network_plan_agreement_plan',
  })
  plan?: FamilyNetworkPlan;

  @Column({ type: 'int' })
  versionNumber: number;

  @Column({ type: 'text' })
  role: AgreementRole;

  @Column({ type: 'uuid' })
  agreedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'agreed_by_id',
    foreignKeyConstraintName: 'fk_family_network_plan_agreement_agreed_by',
  })
  agreedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  agreedAt: Date;
}
