import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { EventFeedController } from './event-feed.controller';
import { EventRepository } from './event.repository';
import { WebhookController } from './webhook.controller';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookService } from './webhook.service';
import { SecretBox } from './webhook-secret-box';

/** The box for signing secrets at rest, under WEBHOOK_SECRET_KEY (else the development key). */
function secretBox(config: AppConfig): SecretBox {
  if (!config.WEBHOOK_SECRET_KEY && config.NODE_ENV === 'development')
    new Logger('Webhooks').warn(
      'WEBHOOK_SECRET_KEY is not set: webhook signing secrets are encrypted with the public ' +
        'development key. Set it before holding real data (production refuses to start without it).',
    );
  return SecretBox.forConfig(config);
}

/** Webhook subscriptions, the dispatcher and the pull feed over the event outbox. */
@Module({
  controllers: [WebhookController, EventFeedController],
  providers: [
    EventRepository,
    WebhookService,
    WebhookDispatcher,
    { provide: SecretBox, useFactory: secretBox, inject: [APP_CONFIG] },
  ],
  exports: [WebhookDispatcher, EventRepository],
})
export class EventsModule {}
