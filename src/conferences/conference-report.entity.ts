import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';
import { CpConference } from './conference.entity';

/**
 * An agency's report to a child protection conference (docs/conferences.md, "Agency reports"):
 * one per author and conference, submitted before the conference concludes; never edited.
 */
@Entity('cp_conference_report')
@Unique('uq_cp_conference_report_author', ['conferenceId', 'authorId'])
@Check(
  'ck_cp_conference_report_agency',
  `agency IN ('social_care','police','health','education','youth_justice','housing','voluntary','other')`,
)
@Check('ck_cp_conference_report_recommendation', `recommendation IN ('plan','no_plan','no_view')`)
export class CpConferenceReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cp_conference_report' })
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @ManyToOne(() => CpConference, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'conference_id',
    foreignKeyConstraintName: 'fk_cp_conference_report_conference',
  })
  conference?: CpConference;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_cp_conference_report_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  agency: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_cp_conference_report_author' })
  author?: User;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  recommendation: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  submittedAt: Date;
}
