import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from 'src/families/person.entity';
import { CaseRecord } from './case.entity';

/** A child in scope of a case. */
@Entity('case_child')
@Index('ix_case_child_person', ['personId'])
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
}
