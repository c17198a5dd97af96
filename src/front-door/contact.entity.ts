import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { REFERRAL_SOURCE_CODES, sqlList } from 'src/cases/cin-codes';
import { Family } from 'src/families/family.entity';
import { Person } from 'src/families/person.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { Team } from 'src/teams/team.entity';
import { User } from 'src/users/user.entity';
import {
  CONTACT_OUTCOMES,
  CONTACT_STATUSES,
  URGENCIES,
  type ContactOutcome,
  type ContactStatus,
  type Urgency,
} from './contact-rules';

/** A contact at the front door: anything that arrives about a child (docs/front-door.md). */
@Entity('contact')
@Index('ix_contact_la_status', ['localAuthorityId', 'status', 'decisionDueBy', 'id'])
@Index('ix_contact_la_due', ['localAuthorityId', 'decisionDueBy', 'id'])
@Index('ix_contact_referrer', ['referrerUserId', 'receivedAt', 'id'])
@Check('ck_contact_status', `status IN (${sqlList(CONTACT_STATUSES)})`)
@Check('ck_contact_outcome', `outcome IS NULL OR outcome IN (${sqlList(CONTACT_OUTCOMES)})`)
@Check('ck_contact_urgency', `urgency IN (${sqlList(URGENCIES)})`)
@Check('ck_contact_source', `source IN (${sqlList(REFERRAL_SOURCE_CODES)})`)
@Check(
  'ck_contact_referrer',
  `(referrer_user_id IS NOT NULL) <> (referrer_name IS NOT NULL AND referrer_relationship IS NOT NULL)`,
)
@Check('ck_contact_consent', `consent_informed OR consent_reason IS NOT NULL`)
@Check('ck_contact_case_allocation', `(case_team_id IS NULL) = (case_lead_practitioner_id IS NULL)`)
@Check(
  'ck_contact_decided',
  `(status IN ('decided','feedback_sent')) = (authorised_at IS NOT NULL) AND (authorised_at IS NULL OR outcome IS NOT NULL)`,
)
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_contact_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** The day of receipt in England; the decision is due one working day after it. */
  @Column({ type: 'date' })
  decisionDueBy: string;

  @Column({ type: 'uuid', nullable: true })
  referrerUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referrer_user_id', foreignKeyConstraintName: 'fk_contact_referrer' })
  referrerUser?: User;

  @Column({ type: 'text', nullable: true })
  referrerName: string | null;

  @Column({ type: 'text', nullable: true })
  referrerRelationship: string | null;

  @Column({ type: 'text', nullable: true })
  referrerOrganisation: string | null;

  @Column({ type: 'text', nullable: true })
  referrerPhone: string | null;

  @Column({ type: 'text', nullable: true })
  referrerEmail: string | null;

  /** CIN census source of referral (1A–10). */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  concern: string;

  @Column({ type: 'text' })
  urgency: Urgency;

  @Column({ type: 'boolean' })
  consentInformed: boolean;

  @Column({ type: 'text', nullable: true })
  consentReason: string | null;

  @Column({ type: 'text' })
  status: ContactStatus;

  @Column({ type: 'uuid', nullable: true })
  familyId: string | null;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_contact_family' })
  family?: Family;

  @Column({ type: 'text', nullable: true })
  outcome: ContactOutcome | null;

  @Column({ type: 'text', nullable: true })
  rationale: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_contact_case' })
  case?: CaseRecord;

  /** A decision that opens a case: the Family Help team and lead practitioner it is allocated
   * to, kept until the manager authorises the decision (docs/front-door.md). */
  @Column({ type: 'uuid', nullable: true })
  caseTeamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_team_id', foreignKeyConstraintName: 'fk_contact_case_team' })
  caseTeam?: Team;

  @Column({ type: 'uuid', nullable: true })
  caseLeadPractitionerId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'case_lead_practitioner_id',
    foreignKeyConstraintName: 'fk_contact_case_lead_practitioner',
  })
  caseLeadPractitioner?: User;

  /** The repeat rule fired: a manager must make the decision. */
  @Column({ type: 'boolean', default: false })
  requiresManager: boolean;

  /** Other contacts about its children in the repeat window, counted when decided. */
  @Column({ type: 'int', nullable: true })
  earlierContacts: number | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_contact_decided_by' })
  decidedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  authorisedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authorised_by_id', foreignKeyConstraintName: 'fk_contact_authorised_by' })
  authorisedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  authorisedAt: Date | null;

  /** The London date the decision took effect: the `referral_decision` timescale's met date. */
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  feedbackSummary: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  feedbackAt: Date | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_contact_recorded_by' })
  recordedBy?: User;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A child a contact is about: a matched person, or as described by the referrer. */
@Entity('contact_child')
@Index('ix_contact_child_contact', ['contactId', 'position'])
@Index('ix_contact_child_person', ['personId'])
@Check('ck_contact_child_nhs_number', `nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'`)
export class ContactChild {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_contact_child_contact' })
  contact?: Contact;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_contact_child_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_contact_child_person' })
  person?: Person;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'date', nullable: true })
  expectedDateOfBirth: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  nhsNumber: string | null;
}
