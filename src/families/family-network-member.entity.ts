import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { Family } from './family.entity';
import { Person } from './person.entity';

/** Wider family or a friend who may support or care for a child: a person (names live on
 * `person`) linked to the family with a relationship and contact details. Family Network Plans
 * name carers by this row's id (`networkMemberId`). */
@Entity('family_network_member')
@Unique('ux_family_network_member_person', ['familyId', 'personId'])
@Index('ix_family_network_member_family', ['familyId', 'createdAt', 'id'])
export class FamilyNetworkMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_family_network_member_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  familyId: string;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_family_network_member_family' })
  family?: Family;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_family_network_member_person' })
  person?: Person;

  /** Relationship to the family's children, e.g. "maternal grandmother", "family friend". */
  @Column({ type: 'text' })
  relationship: string;

  /** Free-form contact details: { phone?, email?, address?, notes? }. */
  @Column({ type: 'jsonb', nullable: true })
  contact: Record<string, string> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
