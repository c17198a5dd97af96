import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from './event-mapping';

/**
 * THE event-outbox writer. Called with the change's EntityManager, so an event commits (or rolls
 * back) with the change it announces; delivery happens after commit (`EventRelay`,
 * `WebhookDispatcher`). The timeline writer calls it for every case change it records.
 */
@Injectable()
export class EventOutbox {
  async write(manager: EntityManager, localAuthorityId: string, events: OutboxEvent[]) {
    if (!events.length) return;
    await manager.query(
      `INSERT INTO integration_event (local_authority_id, type, data)
       SELECT $1, e.type, e.data FROM jsonb_to_recordset($2::jsonb) AS e(type text, data jsonb)`,
      [localAuthorityId, JSON.stringify(events)],
    );
  }
}
