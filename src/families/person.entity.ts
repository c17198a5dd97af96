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
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { Family } from './family.entity';

export const PERSON_KINDS = ['child', 'adult'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/**
 * A child or adult. Family members carry `familyId`; network members (wider family and
 * friends) may have none and are linked through `family_network_member`. The NHS number is
 * stored as ten digits, validated, and unique within a local authority (partial unique index).
 * Name search uses a trigram index over `tandem_fold(first_name || ' ' || last_name)`
 * (lower + unaccent), hand-written in the migration.
 */
@Entity('person')
@Check('ck_person_kind', `kind IN ('child','adult')`)
@Check('ck_person_nhs_number', `nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'`)
@Check(
  'ck_person_nhs_verification',
  `nhs_verification_source IS NULL OR (nhs_number IS NOT NULL AND nhs_verification_source IN ('pds_trace','health_confirmed','manual'))`,
)
@Index('ix_person_family', ['familyId'])
@Index('ix_person_la_dob', ['localAuthorityId', 'dateOfBirth'])
@Index('ux_person_la_nhs_number', { synchronize: false })
@Index('ix_person_name_trgm', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_person_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid', nullable: true })
  familyId: string | null;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_person_family' })
  family?: Family;

  @Column({ type: 'text' })
  kind: PersonKind;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ type: 'text', nullable: true })
  gender: string | null;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ type: 'text', nullable: true })
  nhsNumber: string | null;

  @Column({ type: 'text', nullable: true })
  laPersonId: string | null;

  /** How the NHS number was verified (`pds_trace`, `health_confirmed`, `manual`); null: not. */
  @Column({ type: 'text', nullable: true })
  nhsVerificationSource: string | null;

  /** Why the child has no verified NHS number (needed from a s47 enquiry on, docs/front-door.md). */
  @Column({ type: 'text', nullable: true })
  nhsUnverifiedReason: string | null;

  /** The identifiers' version (`ETag` of `GET /persons/:id`, If-Match of the identifiers PATCH). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
