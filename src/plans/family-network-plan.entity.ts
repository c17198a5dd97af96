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
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';
import type { FnpStatus } from './plan-rules';

/**
 * A Family Network Plan (later policy: Family Network Support Package). The content lives in
 * versions (`family_network_plan_version`); this row holds the status, the current version
 * number and the review date due, plus the current version's children for access checks.
 */
@Entity('family_network_plan')
@Index('ix_family_network_plan_case', ['caseId', 'createdAt', 'id'])
@Check('ck_family_network_plan_status', `status IN ('draft','agreed','active','ended')`)
@Check('ck_family_network_plan_children', `cardinality(child_ids) > 0`)
export class FamilyNetworkPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_family_network_plan_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_family_network_plan_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text', default: 'draft' })
  status: FnpStatus;

  @Column({ type: 'int', default: 1 })
  currentVersion: number;

  /** The latest version that received every required agreement (in force while a newer
   * version awaits agreement); null until the first is agreed. */
  @Column({ type: 'int', nullable: true })
  agreedVersion: number | null;

  /** The children of the current version. */
  @Column({ type: 'uuid', array: true })
  childIds: string[];

  /** The day the plan was drafted (England): its reviews are dated on or after it. Null only
   * for a row not written through the API (a bulk load). */
  @Column({ type: 'date', nullable: true })
  draftedOn: string | null;

  /** The next review due (the `family_network_plan_review` timescale). */
  @Column({ type: 'date' })
  nextReviewDate: string;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'created_by_id',
    foreignKeyConstraintName: 'fk_family_network_plan_created_by',
  })
  createdBy?: User;

  /** Optimistic concurrency (ETag). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  updatedAt: Date;
}
