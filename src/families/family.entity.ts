import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';

/** A household or family group. Its members are `person` rows; wider family and friends are
 * linked through `family_network_member`. */
@Entity('family')
@Index('ix_family_la_created', ['localAuthorityId', 'createdAt', 'id'])
@Index('ix_family_la_updated', ['localAuthorityId', 'updatedAt'])
@Index('ix_family_name_trgm', { synchronize: false })
export class Family {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_family_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
