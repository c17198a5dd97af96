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
import type { EventType } from './event-types';

/** An LA's webhook endpoint. Never hard-deleted: DELETE sets `deletedAt` (deliveries stay). */
@Entity('webhook_subscription')
@Check(
  'ck_webhook_subscription_previous_secret',
  '(previous_secret IS NULL) = (previous_secret_until IS NULL)',
)
@Index('ix_webhook_subscription_la', ['localAuthorityId', 'createdAt'])
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'local_authority_id',
    foreignKeyConstraintName: 'fk_webhook_subscription_la',
  })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: EventType[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The Standard Webhooks signing secret (whsec_…), shown once; needed to sign, so kept, sealed
   * (AES-256-GCM under WEBHOOK_SECRET_KEY, bound to the id: `webhook-secret-box.ts`). */
  @Column({ type: 'text', select: false })
  secret: string;

  /** The secret being rotated away from (sealed like `secret`): deliveries are signed with both
   * until `previousSecretUntil` (24 h after the rotation). */
  @Column({ type: 'text', nullable: true, select: false })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretUntil: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Why the dispatcher disabled it (repeated failure); null when enabled or disabled by hand. */
  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
