import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from './person.entity';

/** How a person is related to one child ("mother", "sibling", "grandparent", …). */
@Entity('relationship')
@Index('ix_relationship_child', ['childId'])
@Check('ck_relationship_not_self', 'person_id <> child_id')
export class Relationship {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @PrimaryColumn({ type: 'uuid' })
  childId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_relationship_person' })
  person?: Person;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_relationship_child' })
  child?: Person;

  @Column({ type: 'text' })
  relationship: string;
}
