import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/**
 * A practitioner's proposal to close a case (docs/conferences.md, "Closing a case"): the CIN
 * reason, the date the case closes (`closedOn`) and the primary need. A `family_help_manager` of
 * the case's team authorises it and, on a case that was ever co-worked, the accountable ECPP
 * agrees; the last of the two closes the case with the proposed `closedOn`. Never deleted.
 */
@Entity('closure_proposal')
@Index('ix_closure_proposal_case', ['caseId', 'proposedAt'])
@Check(
  'ck_closure_proposal_reason',
  `reason IN ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')`,
)
@Check(
  'ck_closure_proposal_primary_need',
  `primary_need IN ('N0','N1','N2','N3','N4','N5','N6','N7','N8','N9')`,
)
@Check('ck_closure_proposal_status', `status IN ('proposed','closed')`)
@Check('ck_closure_proposal_authorised', `(authorised_at IS NULL) = (authorised_by_id IS NULL)`)
@Check('ck_closure_proposal_agreed', `(ecpp_agreed_at IS NULL) = (ecpp_agreed_by_id IS NULL)`)
export class ClosureProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_closure_proposal_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_closure_proposal_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date' })
  closedOn: string;

  @Column({ type: 'text' })
  primaryNeed: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'proposed' })
  status: string;

  @Column({ type: 'uuid' })
  proposedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'proposed_by_id',
    foreignKeyConstraintName: 'fk_closure_proposal_proposed_by',
  })
  proposedBy?: User;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  proposedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  authorisedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'authorised_by_id',
    foreignKeyConstraintName: 'fk_closure_proposal_authorised_by',
  })
  authorisedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  authorisedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  ecppAgreedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'ecpp_agreed_by_id',
    foreignKeyConstraintName: 'fk_closure_proposal_ecpp_agreed_by',
  })
  ecppAgreedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  ecppAgreedAt: Date | null;
}
