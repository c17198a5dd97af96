import {
  DISABILITY_CODES,
  ETHNICITY_CODES,
  UPN_UNKNOWN_REASON_CODES,
  sqlList,
  type CensusSex,
  type Disability,
  type Ethnicity,
  type UpnUnknownReason,
} from 'src/common/cin-codes';
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
@Check('ck_person_sex', `sex IS NULL OR sex IN ('M','F','U')`)
@Check('ck_person_ethnicity', `ethnicity IS NULL OR ethnicity IN (${sqlList(ETHNICITY_CODES)})`)
@Check(
  'ck_person_disabilities',
  `disabilities IS NULL OR (cardinality(disabilities) >= 1 AND disabilities <@ ARRAY[${sqlList(DISABILITY_CODES)}]::text[] AND (cardinality(disabilities) = 1 OR NOT 'NONE' = ANY (disabilities)))`,
)
@Check('ck_person_upn', `upn IS NULL OR upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'`)
@Check(
  'ck_person_upn_unknown_reason',
  `upn_unknown_reason IS NULL OR (upn IS NULL AND upn_unknown_reason IN (${sqlList(UPN_UNKNOWN_REASON_CODES)}))`,
)
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

  /** CIN census sex: M, F or U (unknown or indeterminate). */
  @Column({ type: 'text', nullable: true })
  sex: CensusSex | null;

  /** A sex recorded as free text before the census codes, kept as it was (never mapped). */
  @Column({ type: 'text', nullable: true })
  sexAsRecorded: string | null;

  /** Gender identity as recorded. */
  @Column({ type: 'text', nullable: true })
  gender: string | null;

  /** One of the DfE's 20 ethnicity codes. */
  @Column({ type: 'text', nullable: true })
  ethnicity: Ethnicity | null;

  /** An ethnicity recorded as free text before the codes, kept as it was (never mapped). */
  @Column({ type: 'text', nullable: true })
  ethnicityAsRecorded: string | null;

  /** CIN census disabilities: `NONE`, or one or more codes of the DfE list. */
  @Column({ type: 'text', array: true, nullable: true })
  disabilities: Disability[] | null;

  /** Unique Pupil Number (check letter validated at entry). */
  @Column({ type: 'text', nullable: true })
  upn: string | null;

  /** Why there is no UPN (UN1-UN10); never with a UPN. */
  @Column({ type: 'text', nullable: true })
  upnUnknownReason: UpnUnknownReason | null;

  /** An unborn child's expected date of birth. */
  @Column({ type: 'date', nullable: true })
  expectedDateOfBirth: string | null;

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
