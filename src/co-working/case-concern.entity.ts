import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { Decision } from 'src/decisions/decision.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/**
 * A concern of significant harm raised on a case. It stays open until a decision ends the
 * child-protection episode (no further action, or the last CP plan ended); `closedAt` and
 * `closedByDecisionId` mirror what replaying the decision history says.
 */
@Entity('case_concern')
@Check('ck_case_concern_children', 'cardinality(child_ids) > 0')
@Check('ck_case_concern_summary', `char_length(btrim(summary)) > 0`)
@Index('ix_case_concern_case', ['caseId', 'raisedAt'])
@Index('ix_case_concern_la_open', ['localAuthorityId', 'closedAt', 'raisedAt', 'id'])
@Index('ix_case_concern_la_raised_on', ['localAuthorityId', 'raisedOn'])
export class CaseConcern {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_concern_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_case_concern_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  raisedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by_id', foreignKeyConstraintName: 'fk_case_concern_raised_by' })
  raisedBy?: User;

  /** The children of the case the concern is about (a non-empty subset of the case's). */
  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'text' })
  summary: string;

  /** The date the concern was raised (on or before the day it was recorded). */
  @Column({ type: 'date' })
  raisedOn: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  raisedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedByDecisionId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'closed_by_decision_id',
    foreignKeyConstraintName: 'fk_case_concern_closed_by_decision',
  })
  closedByDecision?: Decision;
}
