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
import type { Profession } from 'src/access/roles';

@Entity('team_member')
@Index('ix_team_member_user', ['userId'])
@Check(
  'ck_team_member_profession',
  `profession IN ('social_worker','family_support_worker','health_visitor','school_nurse','education','police','youth_justice','domestic_abuse','substance_misuse','manager','other')`,
)
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
}
