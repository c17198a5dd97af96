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
import { TEAM_KINDS, type TeamKind } from 'src/access/roles';
import { sqlList } from 'src/common/cin-codes';

@Entity('team')
@Index('ix_team_la', ['localAuthorityId', 'name'])
@Check('ck_team_kind', `kind IN (${sqlList(TEAM_KINDS)})`)
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_team_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: TeamKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
