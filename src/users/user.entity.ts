import {
  Check,
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
import type { Agency, Role } from 'src/access/roles';

@Entity('app_user')
@Index('ux_app_user_email', { synchronize: false })
@Index('ix_app_user_la', ['localAuthorityId'])
@Check(
  'ck_app_user_roles',
  `roles <@ ARRAY['platform_admin','family_help_practitioner','family_help_manager','ecpp','cp_manager','partner','la_admin','auditor','trainer','macpt_member']::text[] AND cardinality(roles) > 0`,
)
@Check(
  'ck_app_user_agency',
  `agency IS NULL OR agency IN ('social_care','police','health','education','youth_justice','housing','voluntary')`,
)
@Check('ck_app_user_tenant', `local_authority_id IS NOT NULL OR 'platform_admin' = ANY(roles)`)
@Check('ck_app_user_partner_agency', `NOT ('partner' = ANY(roles)) OR agency IS NOT NULL`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored as given; unique case-insensitively (index on lower(email)). */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** argon2id hash; never returned by the API. */
  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'uuid', nullable: true })
  localAuthorityId: string | null;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_app_user_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text', nullable: true })
  agency: Agency | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Tokens issued before this instant are refused (set when the user is disabled, so
   * re-enabling does not revive them). */
  @Column({ type: 'timestamptz', nullable: true, select: false })
  tokensValidAfter: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
