import {
  ASSESSMENT_FACTOR_CODES,
  PRIMARY_NEED_CODES,
  sqlList,
  type AssessmentFactor,
  type PrimaryNeed,
} from 'src/cases/cin-codes';
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

export const ASSESSMENT_OUTCOMES = [
  'family_help_plan',
  'concern_of_significant_harm',
  'no_further_action',
] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/**
 * A child and family assessment on a case: started, completed (with its outcome), then
 * authorised by the team's family_help_manager (or, on a case in child protection, the
 * co-working ECPP). The first authorised completion meets the case's 45-working-day item.
 */
@Entity('assessment')
@Index('ix_assessment_case', ['caseId', 'createdAt', 'id'])
@Check(
  'ck_assessment_outcome',
  `outcome IS NULL OR outcome IN ('family_help_plan','concern_of_significant_harm','no_further_action')`,
)
@Check('ck_assessment_completed', `(completed_on IS NULL) = (outcome IS NULL)`)
@Check('ck_assessment_authorised', `authorised_at IS NULL OR completed_on IS NOT NULL`)
@Check('ck_assessment_authoriser', `(authorised_at IS NULL) = (authorised_by_id IS NULL)`)
@Check('ck_assessment_dates', `completed_on IS NULL OR completed_on >= started_on`)
@Check(
  'ck_assessment_authorised_on',
  `(authorised_on IS NULL) = (authorised_at IS NULL) AND (authorised_on IS NULL OR authorised_on >= completed_on)`,
)
@Check(
  'ck_assessment_factors',
  `factors IS NULL OR (cardinality(factors) >= 1 AND factors <@ ARRAY[${sqlList(ASSESSMENT_FACTOR_CODES)}]::text[] AND (cardinality(factors) = 1 OR NOT '21' = ANY (factors)))`,
)
@Check(
  'ck_assessment_primary_need',
  `primary_need IS NULL OR primary_need IN (${sqlList(PRIMARY_NEED_CODES)})`,
)
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_assessment_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_assessment_la' })
  localAuthority?: LocalAuthority;

  /** The children the assessment covers (children of the case). */
  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: AssessmentOutcome | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** Why it was completed after the 45-working-day due date (required then). */
  @Column({ type: 'text', nullable: true })
  lateReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  authorisedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authorised_by_id', foreignKeyConstraintName: 'fk_assessment_authorised_by' })
  authorisedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  authorisedAt: Date | null;

  /** The authorisation date the authoriser gave (the census AssessmentAuthorisationDate). */
  @Column({ type: 'date', nullable: true })
  authorisedOn: string | null;

  /** CIN census factors identified at assessment (`21` "no factors" alone). */
  @Column({ type: 'text', array: true, nullable: true })
  factors: AssessmentFactor[] | null;

  /** CIN census primary need found by the assessment (N0-N9). */
  @Column({ type: 'text', nullable: true })
  primaryNeed: PrimaryNeed | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_assessment_created_by' })
  createdBy?: User;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
