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
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';

/**
 * One `Idempotency-Key` a caller sent on a POST: the request it stood for (sha256 of method,
 * path and canonical body) and, once finished, the response to replay. Keyed per caller (a
 * user or API client id, unique across local authorities); kept IDEMPOTENCY_RETENTION_HOURS.
 */
@Entity('idempotency_key')
@Index('ix_idempotency_key_created', ['createdAt'])
@Check('ck_idempotency_key_status', `status IN ('in_flight','done')`)
@Check(
  'ck_idempotency_key_response',
  `status = 'in_flight' OR (response_status BETWEEN 100 AND 599)`,
)
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  callerId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Null for the platform administrator, who belongs to no local authority. */
  @Column({ type: 'uuid', nullable: true })
  localAuthorityId: string | null;

  @ManyToOne(() => LocalAuthority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_idempotency_key_la' })
  localAuthority?: LocalAuthority;

  /** Hex sha256 of `METHOD path\ncanonical-json(body)`. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text', default: 'in_flight' })
  status: 'in_flight' | 'done';

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  /** `json`, not `jsonb`: a replay sends the first response's bytes (key order included). */
  @Column({ type: 'json', nullable: true })
  responseBody: unknown;

  /** The few response headers worth replaying (ETag, Location, Content-Type). */
  @Column({ type: 'jsonb', nullable: true })
  responseHeaders: Record<string, string> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
