import {
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

/** Who attended a family group decision-making meeting. */
export interface FgdmAttendees {
  /** Family members (person ids of the case's family). */
  familyMemberIds: string[];
  /** Wider family and friends (family_network_member ids). */
  networkMemberIds: string[];
  /** Professionals, as recorded (name, role or agency). */
  professionals: { name: string; role: string }[];
}

/** One item of the family's own plan. */
export interface FamilyPlanItem {
  description: string;
  who?: string;
  when?: string;
}

/** A family group decision-making (FGDM) meeting on a case; a case can have many over time. */
@Entity('fgdm_meeting')
@Index('ix_fgdm_meeting_case', ['caseId', 'heldOn', 'id'])
export class FgdmMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_fgdm_meeting_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_fgdm_meeting_la' })
  localAuthority?: LocalAuthority;

  /** The children of the case the meeting was about. */
  @Column({ type: 'uuid', array: true })
  childIds: string[];

  @Column({ type: 'date' })
  heldOn: string;

  /** The independent coordinator (facilitator). */
  @Column({ type: 'text' })
  coordinator: string;

  @Column({ type: 'jsonb' })
  attendees: FgdmAttendees;

  /** The family's own plan, in their words. */
  @Column({ type: 'text', nullable: true })
  familyPlan: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  familyPlanItems: FamilyPlanItem[];

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_fgdm_meeting_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
