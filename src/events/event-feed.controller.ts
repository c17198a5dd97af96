import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { DEFAULT_PAGE_SIZE } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { EventFeedQueryDto, EventFeedResponse } from './dto/event.dto';
import { EventRepository } from './event.repository';

@ApiTags('events')
@Controller('events')
export class EventFeedController {
  constructor(private readonly events: EventRepository) {}

  @Get()
  @Can('event.read')
  @ApiOperation({
    summary: 'The event pull feed, in commit order (events:read scope or la_admin)',
    description:
      'The same events the webhooks deliver, for integrators without an inbound endpoint. ' +
      'Start without `after`, then poll with `after=nextCursor`. An event appears once the ' +
      'relay has positioned it after its commit (within EVENTS_POLL_MS while a dispatcher runs).',
  })
  @ApiOkResponse({ type: EventFeedResponse })
  async feed(
    @CurrentActor() actor: Actor,
    @Query() q: EventFeedQueryDto,
  ): Promise<EventFeedResponse> {
    const rows = await this.events.feed(
      actorLa(actor),
      q.after ?? '0',
      q.limit ?? DEFAULT_PAGE_SIZE,
    );
    const last = rows[rows.length - 1];
    return {
      data: rows.map(({ position: _p, ...e }) => e),
      nextCursor: last ? last.position : (q.after ?? null),
    };
  }
}
