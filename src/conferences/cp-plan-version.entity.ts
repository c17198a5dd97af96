import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';
import { CpConference } from './conference.entity';

/**
 * One version of a case's child protection plan content (docs/conferences.md, "The plan's
 * content"), written by a member of the core group the conference named. Never edited; the
 * highest `number` is the version in force.
 */
@Entity('cp_plan_version')
@Unique('uq_cp_plan_version_number', ['caseId', 'number'])
@Check('ck_cp_plan_version_number', `number > 0`)
export class CpPlanVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cp_plan_version' })
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_cp_plan_version_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_cp_plan_version_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'integer' })
  number: number;

  /** The outcomes the plan works towards (strings). */
  @Column({ type: 'jsonb' })
  outcomes: unknown;

  /** `[{ action, owner: { agency, userId?, name? }, dueBy }]`. */
  @Column({ type: 'jsonb' })
  actions: unknown;

  @Column({ type: 'text' })
  contingency: string;

  /** The conference whose core group wrote this version. */
  @Column({ type: 'uuid' })
  conferenceId: string;

  @ManyToOne(() => CpConference, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conference_id', foreignKeyConstraintName: 'fk_cp_plan_version_conference' })
  conference?: CpConference;

  @Column({ type: 'uuid' })
  authoredById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authored_by_id', foreignKeyConstraintName: 'fk_cp_plan_version_author' })
  authoredBy?: User;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
