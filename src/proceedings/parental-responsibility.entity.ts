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
import { Family } from 'src/families/family.entity';
import { Person } from 'src/families/person.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/** How an adult holds (or came to hold) parental responsibility for a child. */
export const PR_BASES = [
  'birth_mother',
  'registered_father',
  'pr_agreement_or_order',
  'special_guardianship_order',
  'child_arrangements_order',
  'la_care_order',
  'other',
] as const;
export type PrBasis = (typeof PR_BASES)[number];

/**
 * Parental responsibility of one adult for one child, as recorded at one version of that adult's
 * record (versioned: each PUT writes a new version of the adult's whole set and marks the rows
 * it replaces superseded; nothing is deleted, so the history stays).
 */
@Entity('parental_responsibility')
@Index('ix_parental_responsibility_adult', ['adultId', 'version'])
@Index('ix_parental_responsibility_child', ['childId'], { where: 'superseded_at IS NULL' })
@Check(
  'ck_parental_responsibility_basis',
  `basis IS NULL OR basis IN ('birth_mother','registered_father','pr_agreement_or_order','special_guardianship_order','child_arrangements_order','la_care_order','other')`,
)
@Check('ck_parental_responsibility_has_basis', `NOT has_pr OR basis IS NOT NULL`)
@Check('ck_parental_responsibility_version', `version > 0`)
export class ParentalResponsibility {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_parental_responsibility_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  familyId: string;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_parental_responsibility_family' })
  family?: Family;

  /** The adult (a person of kind `adult` of the family). */
  @Column({ type: 'uuid' })
  adultId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'adult_id', foreignKeyConstraintName: 'fk_parental_responsibility_adult' })
  adult?: Person;

  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_parental_responsibility_child' })
  child?: Person;

  @Column({ type: 'boolean' })
  hasPr: boolean;

  @Column({ type: 'text', nullable: true })
  basis: PrBasis | null;

  /** The version of the adult's record this row belongs to (the ETag). */
  @Column({ type: 'int' })
  version: number;

  /** Set when a later version replaced this row. */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_parental_responsibility_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
