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
import type { Family } from 'src/families/family.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { Team } from 'src/teams/team.entity';
import { User } from 'src/users/user.entity';
import { STAGES, type Stage } from 'src/case-history/case-types';
import {
  CLOSURE_REASON_CODES,
  REFERRAL_SOURCE_CODES,
  sqlList,
  type ClosureReason,
  type ReferralSource,
} from './cin-codes';

/**
 * A family's episode of help: one continuous record from referral to closure. The stage only
 * changes as the effect of a decision, a close or a reopen (`CaseRepository.setStage`), never
 * through PATCH. Versioned for If-Match.
 */
@Entity('case_record')
@Check('ck_case_record_stage', `stage IN (${sqlList(STAGES)})`)
@Check('ck_case_record_referral_source', `referral_source IN (${sqlList(REFERRAL_SOURCE_CODES)})`)
@Check(
  'ck_case_record_closure_reason',
  `closure_reason IS NULL OR closure_reason IN (${sqlList(CLOSURE_REASON_CODES)})`,
)
@Check('ck_case_record_closed', `(stage = 'closed') = (closed_at IS NOT NULL)`)
@Index('ix_case_record_la_team', ['localAuthorityId', 'teamId', 'createdAt', 'id'])
@Index('ix_case_record_la_lead', ['localAuthorityId', 'leadPractitionerId', 'createdAt', 'id'])
@Index('ix_case_record_la_stage', ['localAuthorityId', 'stage', 'createdAt', 'id'])
@Index('ix_case_record_la_created', ['localAuthorityId', 'createdAt', 'id'])
@Index('ix_case_record_family', ['familyId'])
@Index('ix_case_record_la_referral', ['localAuthorityId', 'referralDate'])
@Index('ix_case_record_la_updated', ['localAuthorityId', 'updatedAt'])
export class CaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_case_record_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  familyId: string;

  @ManyToOne('Family', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_case_record_family' })
  family?: Family;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_case_record_team' })
  team?: Team;

  @Column({ type: 'uuid' })
  leadPractitionerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'lead_practitioner_id',
    foreignKeyConstraintName: 'fk_case_record_lead_practitioner',
  })
  leadPractitioner?: User;

  @Column({ type: 'text', default: 'family_help' })
  stage: Stage;

  @Column({ type: 'boolean', default: false })
  restricted: boolean;

  @Column({ type: 'date' })
  referralDate: string;

  @Column({ type: 'text' })
  referralSource: ReferralSource;

  @Column({ type: 'text', nullable: true })
  closureReason: ClosureReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'date', nullable: true })
  assessmentCompletedAt: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
