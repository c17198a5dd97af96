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
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

export const MEETING_KINDS = [
  'strategy_discussion',
  'initial_cp_conference',
  'review_cp_conference',
  'core_group',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** A child-protection meeting held on a case: what meets the conference/core-group clocks. */
@Entity('case_meeting')
@Index('ix_case_meeting_case', ['caseId', 'heldOn'])
@Index('ix_case_meeting_la_kind_held', ['localAuthorityId', 'kind', 'heldOn'])
@Check(
  'ck_case_meeting_kind',
  `kind IN ('strategy_discussion','initial_cp_conference','review_cp_conference','core_group')`,
)
export class CaseMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_meeting_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_case_meeting_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  kind: MeetingKind;

  /** The date the meeting was held. */
  @Column({ type: 'date' })
  heldOn: string;

  /** Who attended, as recorded (e.g. "DS Patel, police"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  attendees: string[];

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_case_meeting_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
