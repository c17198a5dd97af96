import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/**
 * A child protection conference (docs/conferences.md): scheduled by the cp_manager with an
 * independent chair, held (attendance, quorum, parents, the child's views) and concluded with an
 * outcome per child, recorded by its chair. `scheduled` → `held` → `concluded`.
 */
@Entity('cp_conference')
@Index('ix_cp_conference_case', ['caseId', 'scheduledFor', 'id'])
@Index('ix_cp_conference_chair', ['chairId', 'scheduledFor'])
@Check('ck_cp_conference_type', `type IN ('initial','review','transfer_in','pre_birth')`)
@Check('ck_cp_conference_status', `status IN ('scheduled','held','concluded')`)
@Check('ck_cp_conference_children', `cardinality(child_ids) > 0`)
@Check('ck_cp_conference_held', `(status = 'scheduled') = (held_on IS NULL)`)
@Check('ck_cp_conference_concluded', `(status = 'concluded') = (outcome IS NOT NULL)`)
export class CpConference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_cp_conference_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_cp_conference_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'timestamptz' })
  scheduledFor: Date;

  @Column({ type: 'uuid' })
  chairId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_id', foreignKeyConstraintName: 'fk_cp_conference_chair' })
  chair?: User;

  @Column({ type: 'text', default: 'scheduled' })
  status: string;

  @Column({ type: 'uuid' })
  scheduledById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'scheduled_by_id',
    foreignKeyConstraintName: 'fk_cp_conference_scheduled_by',
  })
  scheduledBy?: User;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'date', nullable: true })
  heldOn: string | null;

  /** `[{ agency, userId?, name?, attended }]`. */
  @Column({ type: 'jsonb', nullable: true })
  attendance: unknown;

  @Column({ type: 'boolean', nullable: true })
  quorate: boolean | null;

  /** `{ attended, excludedReason?, advocatePresent }`. */
  @Column({ type: 'jsonb', nullable: true })
  parents: unknown;

  /** `{ views, how }`: the child's views and how they were gathered. */
  @Column({ type: 'jsonb', nullable: true })
  childViews: unknown;

  /** `{ children: [{ childId, plan, category?, endReason? }], outlinePlan, contingency,
   * coreGroup, dissent, nextReviewBy }`. */
  @Column({ type: 'jsonb', nullable: true })
  outcome: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt: Date | null;
}
