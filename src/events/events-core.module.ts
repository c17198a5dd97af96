import { Global, Module } from '@nestjs/common';
import { EventOutbox } from './event-outbox.service';

/** The event-outbox writer, global like the timeline and audit writers. */
@Global()
@Module({ providers: [EventOutbox], exports: [EventOutbox] })
export class EventsCoreModule {}
