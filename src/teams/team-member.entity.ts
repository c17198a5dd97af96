import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { Team } from './team.entity';
import {
  MACPT_AGENCIES,
  PROFESSIONS,
  STATUTORY_ROLES,
  type MacptAgency,
  type Profession,
  type StatutoryRole,
} from 'src/access/roles';
import { sqlList } from 'src/common/cin-codes';

@Entity('team_member')
@Index('ix_team_member_user', ['userId'])
@Check('ck_team_member_profession', `profession IN (${sqlList(PROFESSIONS)})`)
@Check('ck_team_member_agency', `agency IS NULL OR agency IN (${sqlList(MACPT_AGENCIES)})`)
@Check(
  'ck_team_member_statutory_role',
  `statutory_role IS NULL OR statutory_role IN (${sqlList(STATUTORY_ROLES)})`,
)
@Check('ck_team_member_macpt', `(agency IS NULL) = (statutory_role IS NULL)`)
export class TeamMember {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_team_member_team' })
  team?: Team;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_team_member_user' })
  user?: User;

  @Column({ type: 'text' })
  profession: Profession;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;

  /** MACPT membership (a child_protection team): the member's agency… */
  @Column({ type: 'text', nullable: true })
  agency: MacptAgency | null;

  /** …and statutory role; both or neither. */
  @Column({ type: 'text', nullable: true })
  statutoryRole: StatutoryRole | null;

  /** The day the membership took effect (not in the future); defaults to the day it is added. */
  @Column({ type: 'date', nullable: true })
  fromDate: string | null;
}
