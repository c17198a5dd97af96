import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { CaseRecord } from '../case.entity';

/** The case's Family Help plan (one per case): goals, actions and reviews hang off it. Its
 * version moves on every change to any part, so its ETag describes the whole plan. */
@Entity('family_help_plan')
@Unique('ux_family_help_plan_case', ['caseId'])
export class FamilyHelpPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_family_help_plan_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @Column({ type: 'date', nullable: true })
  nextReviewDate: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
