import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from 'src/users/user.entity';
import { Team } from './team.entity';

/**
 * Memberships that have ended: the row of `team_member` as it was, with the day it ended and
 * who ended it. `team_member` holds only current memberships, so every access rule that reads
 * it sees current members only; the history stays here (and in the audit trail).
 */
@Entity('team_member_history')
@Index('ix_team_member_history_team', ['teamId', 'toDate'])
export class TeamMemberHistory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_team_member_history_team' })
  team?: Team;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_team_member_history_user' })
  user?: User;

  @Column({ type: 'text' })
  profession: string;

  @Column({ type: 'text', nullable: true })
  agency: string | null;

  @Column({ type: 'text', nullable: true })
  statutoryRole: string | null;

  @Column({ type: 'date', nullable: true })
  fromDate: string | null;

  @Column({ type: 'date' })
  toDate: string;

  @Column({ type: 'timestamptz' })
  joinedAt: Date;

  @Column({ type: 'uuid' })
  endedById: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  endedAt: Date;
}
