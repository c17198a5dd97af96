import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { Person } from 'src/families/person.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

export const REPRESENTATION_KINDS = ['advocate', 'legal_representative'] as const;
export type RepresentationKind = (typeof REPRESENTATION_KINDS)[number];
export const REPRESENTATION_RESPONSES = ['pending', 'accepted', 'declined'] as const;
export type RepresentationResponse = (typeof REPRESENTATION_RESPONSES)[number];

/** An advocate or legal representative offered to a parent on a case in child protection or
 * pre-proceedings, and the parent's answer. */
@Entity('parent_representation')
@Index('ix_parent_representation_case', ['caseId', 'createdAt', 'id'])
@Check('ck_parent_representation_kind', `kind IN ('advocate','legal_representative')`)
@Check('ck_parent_representation_response', `response IN ('pending','accepted','declined')`)
@Check(
  'ck_parent_representation_responded',
  `(response = 'pending') = (responded_on IS NULL) AND (responded_on IS NULL OR responded_on >= offered_on)`,
)
export class ParentRepresentation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_parent_representation_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_parent_representation_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'uuid' })
  parentId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_parent_representation_parent' })
  parent?: Person;

  @Column({ type: 'text' })
  kind: RepresentationKind;

  @Column({ type: 'text' })
  organisation: string;

  @Column({ type: 'text', nullable: true })
  contact: string | null;

  @Column({ type: 'date' })
  offeredOn: string;

  @Column({ type: 'text' })
  response: RepresentationResponse;

  @Column({ type: 'date', nullable: true })
  respondedOn: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_parent_representation_recorded_by',
  })
  recordedBy?: User;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The letter before proceedings sent when a case entered pre-proceedings (one per episode). */
@Entity('letter_before_proceedings')
@Unique('ux_letter_before_proceedings_episode', ['caseId', 'preProceedingsStartedOn'])
@Check('ck_letter_before_proceedings_date', `sent_on >= pre_proceedings_started_on`)
export class LetterBeforeProceedings {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_letter_before_proceedings_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_letter_before_proceedings_la',
  })
  localAuthority?: LocalAuthority;

  /** Effective date of the initiate_pre_proceedings decision that started the episode. */
  @Column({ type: 'date' })
  preProceedingsStartedOn: string;

  @Column({ type: 'date' })
  sentOn: string;

  /** The FGDM offers the letter carries (s31ZA; docs/before-proceedings.md). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  fgdmOfferIds: string[];

  /** Or the authorised exemption that covers the children instead. */
  @Column({ type: 'uuid', nullable: true })
  fgdmExemptionId: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'fk_letter_before_proceedings_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
