import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';

/**
 * A training run: one scenario loaded into its own sandbox local authority. The row belongs to
 * the sandbox (`local_authority_id`), so deleting the run (`tandem_purge_sandbox`) removes it
 * with everything else; `owner_local_authority_id` is the trainer's own LA (null for a run
 * loaded from the CLI), which decides who may list and delete it.
 */
@Entity('training_run')
@Index('ix_training_run_owner', ['ownerLocalAuthorityId', 'createdAt'])
export class TrainingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_training_run_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  scenario: string;

  @Column({ type: 'uuid', nullable: true })
  ownerLocalAuthorityId: string | null;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'owner_local_authority_id',
    foreignKeyConstraintName: 'fk_training_run_owner_la',
  })
  ownerLocalAuthority?: LocalAuthority;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_training_run_created_by' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
