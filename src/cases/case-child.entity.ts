import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from 'src/families/person.entity';
import { User } from 'src/users/user.entity';
import { CaseRecord } from './case.entity';

/** A child in scope of a case: named at referral (no `addedOn`), or added later with a reason. */
@Entity('case_child')
@Index('ix_case_child_person', ['personId'])
@Check(
  'ck_case_child_reason',
  `reason IS NULL OR reason IN ('born','unborn','moved_in','returned_home','newly_identified')`,
)
@Check('ck_case_child_added', `(added_on IS NULL) = (reason IS NULL)`)
export class CaseChild {
  @PrimaryColumn({ type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_child_case' })
  case?: CaseRecord;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_case_child_person' })
  person?: Person;

  /** The date the child was added to the case; null for a child named at referral. */
  @Column({ type: 'date', nullable: true })
  addedOn: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  addedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'added_by_id', foreignKeyConstraintName: 'fk_case_child_added_by' })
  addedBy?: User;
}
