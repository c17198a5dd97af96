import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseChild } from 'src/cases/case-child.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/** A statutory visit to a child of the case; records whether the child was seen alone. */
@Entity('case_visit')
@Index('ix_case_visit_case', ['caseId', 'visitedOn'])
@Index('ix_case_visit_la_visited', ['localAuthorityId', 'visitedOn'])
export class CaseVisit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_visit_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_case_visit_la' })
  localAuthority?: LocalAuthority;

  /** A child of the case: (case_id, child_id) references case_child. */
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne(() => CaseChild, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'case_id',
      referencedColumnName: 'caseId',
      foreignKeyConstraintName: 'fk_case_visit_child',
    },
    { name: 'child_id', referencedColumnName: 'personId' },
  ])
  child?: CaseChild;

  @Column({ type: 'date' })
  visitedOn: string;

  @Column({ type: 'boolean' })
  seenAlone: boolean;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_case_visit_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
