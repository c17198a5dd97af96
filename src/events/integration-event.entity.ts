import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { EVENT_TYPES_SQL, type EventType } from './event-types';

/**
 * The transactional outbox: one row per event, written in the transaction of the change it
 * describes. `position` is assigned after commit, counted per LA (a cursor tells nothing of other LAs'
 * volume), in the order events become visible (the
 * commit order), by the relay (`EventRelay`); the pull feed and deliveries follow it. An event
 * of a restricted case is `withheld` instead: no position, no delivery.
 */
@Entity('integration_event')
@Check('ck_integration_event_type', `type IN (${EVENT_TYPES_SQL})`)
@Index('ix_integration_event_unpositioned', ['seq'], { where: 'position IS NULL AND NOT withheld' })
@Index('ux_integration_event_position', ['localAuthorityId', 'position'], { unique: true })
export class IntegrationEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  id: string;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_integration_event_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  type: EventType;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  /** Ids and codes only: never names, notes or rationales. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'bigint', nullable: true })
  position: string | null;

  /** An event of a restricted case: never positioned, so never in the feed nor delivered. */
  @Column({ type: 'boolean', default: false })
  withheld: boolean;
}
