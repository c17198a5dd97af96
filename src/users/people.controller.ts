import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { ApiPageResponse } from 'src/common/openapi-page';
import { PeopleLookupQueryDto, PersonLookupResponse } from './dto/people-lookup.dto';
import { PeopleLookupService } from './people-lookup.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleLookupService) {}

  @Get('lookup')
  @Can('people.lookup')
  @ApiOperation({
    summary: 'Names of staff and API clients by id (those of your local authority)',
    description:
      "Resolves the ids lists carry (timeline actorId, raisedById, requestedById, leadPractitionerId…) to display names. Only users and API clients of the caller's local authority are named; any other id is simply absent (no error, nothing learnt). One page: nextCursor is always null.",
  })
  @ApiPageResponse(PersonLookupResponse)
  lookup(@CurrentActor() actor: Actor, @Query() q: PeopleLookupQueryDto) {
    return this.people.lookup(actor, q);
  }
}
