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
import type { Scope } from 'src/access/roles';

@Entity('api_client')
@Index('ix_api_client_la', ['localAuthorityId'])
@Check(
  'ck_api_client_scopes',
  `scopes <@ ARRAY['families:read','families:write','cases:read','cases:write','export:read','events:read','evaluation:read']::text[]`,
)
export class ApiClient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_api_client_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  name: string;

  /** Public identifier sent as client_id. */
  @Column({ type: 'text', unique: true })
  clientId: string;

  /** argon2id hash of the secret; the secret itself is shown once. */
  @Column({ type: 'text', select: false })
  secretHash: string;

  @Column({ type: 'text', array: true })
  scopes: Scope[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Tokens issued before this instant are refused (set on revoke and on secret rotation, so
   * re-enabling a client does not revive its old tokens). */
  @Column({ type: 'timestamptz', nullable: true, select: false })
  tokensValidAfter: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
