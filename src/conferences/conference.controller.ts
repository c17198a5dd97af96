import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { ConferenceService } from './conference.service';
import {
  ConferencePage,
  ConferenceResponse,
  RecordHeldDto,
  RecordOutcomeDto,
  ScheduleConferenceDto,
} from './dto/conference.dto';

@ApiTags('conferences')
@ApiBearerAuth()
@Controller()
export class ConferenceController {
  constructor(private readonly conferences: ConferenceService) {}

  @Post('cases/:id/conferences')
  @Can('conference.schedule')
  @ApiOperation({
    summary: 'Schedule a child protection conference with an independent chair (cp_manager)',
    description:
      '409 `chair_not_independent` (the chair is the lead, an ECPP of the case, or of its or its ECPP’s team), `not_conference_chair`, `no_conference_convened` (an initial conference before the ECPP convened one), `child_not_on_plan` (a review for a child not on a plan), `case_closed`.',
  })
  @ApiCreatedResponse({ type: ConferenceResponse })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ScheduleConferenceDto,
  ) {
    return this.conferences.schedule(actor, id, dto);
  }

  @Get('cases/:id/conferences')
  @Can('case.read')
  @ApiOperation({ summary: 'Conferences of the case, by date' })
  @ApiOkResponse({ type: ConferencePage })
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.conferences.list(actor, id), nextCursor: null };
  }

  @Get('conferences/:id')
  @Can('conference.read')
  @ApiOperation({ summary: 'A conference (readers of the case, and its chair)' })
  @ApiOkResponse({ type: ConferenceResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.conferences.get(actor, id);
  }

  @Post('conferences/:id/held')
  @HttpCode(200)
  @Can('conference.chair')
  @ApiOperation({
    summary:
      'Record the conference held (its chair): attendance, quorum, parents, the child’s views',
    description:
      'Quorate when social care and at least two other agencies attended. 409 `conference_already_held`.',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  held(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordHeldDto,
  ) {
    return this.conferences.recordHeld(actor, id, dto);
  }

  @Post('conferences/:id/outcome')
  @HttpCode(200)
  @Can('conference.chair')
  @ApiOperation({
    summary: 'Record the outcome per child (its chair), once',
    description:
      '409 `conference_not_held`, `conference_not_quorate`, `conference_already_concluded`; 400 naming the field for an outcome the type does not allow, a start without category, a missing next review, a core group without the lead practitioner and the accountable ECPP.',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  outcome(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordOutcomeDto,
  ) {
    return this.conferences.recordOutcome(actor, id, dto);
  }
}
