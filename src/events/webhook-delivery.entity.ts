import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { IntegrationEvent } from './integration-event.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event for one subscription: created once by the relay (unique), retried in place. */
@Entity('webhook_delivery')
@Unique('ux_webhook_delivery_event', ['subscriptionId', 'eventId'])
@Index('ix_webhook_delivery_queue', ['subscriptionId', 'status', 'position'])
@Check('ck_webhook_delivery_status', `status IN ('pending','sending','delivered')`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'subscription_id',
    foreignKeyConstraintName: 'fk_webhook_delivery_subscription',
  })
  subscription?: WebhookSubscription;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => IntegrationEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'event_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_webhook_delivery_event',
  })
  event?: IntegrationEvent;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  /** The event's feed position: deliveries to one endpoint go in this order. */
  @Column({ type: 'bigint' })
  position: string;

  @Column({ type: 'text', default: 'pending' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** While `sending`: after this instant another dispatcher may take it over (a crash). */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The delivery log: every attempt, its answer and how long it took. */
@Entity('webhook_delivery_attempt')
@Index('ix_webhook_delivery_attempt_delivery', ['deliveryId', 'at'])
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'delivery_id',
    foreignKeyConstraintName: 'fk_webhook_delivery_attempt_delivery',
  })
  delivery?: WebhookDelivery;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'int' })
  durationMs: number;
}
