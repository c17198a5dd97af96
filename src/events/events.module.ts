import { Module } from '@nestjs/common';
import { EventFeedController } from './event-feed.controller';
import { EventRepository } from './event.repository';
import { WebhookController } from './webhook.controller';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookService } from './webhook.service';

/** Webhook subscriptions, the dispatcher and the pull feed over the event outbox. */
@Module({
  controllers: [WebhookController, EventFeedController],
  providers: [EventRepository, WebhookService, WebhookDispatcher],
  exports: [WebhookDispatcher, EventRepository],
})
export class EventsModule {}
