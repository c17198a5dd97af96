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
import { ApiPageResponse } from 'src/common/openapi-page';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  CancelStrategyDiscussionDto,
  ConcludeStrategyDiscussionDto,
  ContributeDto,
  HoldStrategyDiscussionDto,
  RequestStrategyDiscussionDto,
  ScheduleStrategyDiscussionDto,
} from './dto/strategy-discussion.dto';
import {
  StrategyDiscussionRequestResponse,
  StrategyDiscussionResponse,
} from './dto/strategy-discussion.responses';
import { StrategyDiscussionMeetingService } from './strategy-discussion-meeting.service';
import { StrategyDiscussionReadService } from './strategy-discussion-read.service';
import { StrategyDiscussionService } from './strategy-discussion.service';

@ApiTags('multi-agency child protection')
@ApiBearerAuth()
@Controller()
export class StrategyDiscussionController {
  constructor(
    private readonly service: StrategyDiscussionService,
    private readonly meetings: StrategyDiscussionMeetingService,
    private readonly reads: StrategyDiscussionReadService,
  ) {}

  @Post('cases/:id/strategy-discussions')
  @Can('strategy_discussion.run')
  @ApiOperation({
    summary:
      'Schedule a strategy discussion (the co-working ECPP or a cp_manager): children, open concerns, when, format, invitees',
  })
  @ApiCreatedResponse({ type: StrategyDiscussionResponse })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ScheduleStrategyDiscussionDto,
  ) {
    return this.service.schedule(actor, id, dto);
  }

  @Get('cases/:id/strategy-discussions')
  @Can('strategy_discussion.read')
  @ApiOperation({ summary: "The case's strategy discussions, with their current outcomes" })
  @ApiPageResponse(StrategyDiscussionResponse)
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.reads.list(actor, id), nextCursor: null };
  }

  @Post('cases/:id/strategy-discussion-requests')
  @Can('strategy_discussion.request')
  @ApiOperation({ summary: "The case's Family Help team asks for a strategy discussion" })
  @ApiCreatedResponse({ type: StrategyDiscussionRequestResponse })
  request(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RequestStrategyDiscussionDto,
  ) {
    return this.service.requestOne(actor, id, dto);
  }

  @Get('cases/:id/strategy-discussion-requests')
  @Can('strategy_discussion.read')
  @ApiOperation({ summary: "The case's requests for a strategy discussion (open or answered)" })
  @ApiPageResponse(StrategyDiscussionRequestResponse)
  async requests(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.reads.listRequests(actor, id), nextCursor: null };
  }

  @Get('strategy-discussions/:id')
  @Can('strategy_discussion.read')
  @ApiOperation({
    summary: 'A strategy discussion with its participants, contributions and outcome',
  })
  @ApiOkResponse({ type: StrategyDiscussionResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.reads.get(actor, id);
  }

  @Post('strategy-discussions/:id/held')
  @HttpCode(200)
  @Can('strategy_discussion.run')
  @ApiOperation({
    summary:
      'Record a scheduled strategy discussion as held: heldOn (not in the future), participants per agency and attendance, contributions',
  })
  @ApiOkResponse({ type: StrategyDiscussionResponse })
  hold(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: HoldStrategyDiscussionDto,
  ) {
    return this.meetings.hold(actor, id, dto);
  }

  @Post('strategy-discussions/:id/outcome')
  @HttpCode(200)
  @Can('strategy_discussion.run')
  @ApiOperation({
    summary:
      'Conclude a held strategy discussion with its outcome (once; a correction carries supersedesId of the current outcome)',
  })
  @ApiOkResponse({ type: StrategyDiscussionResponse })
  conclude(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ConcludeStrategyDiscussionDto,
  ) {
    return this.meetings.conclude(actor, id, dto);
  }

  @Post('strategy-discussions/:id/contributions')
  @HttpCode(200)
  @Can('strategy_discussion.contribute')
  @ApiOperation({
    summary:
      "A MACPT member of the discussion's team (or the co-working ECPP) adds its agency's contribution while the discussion is scheduled or held",
  })
  @ApiOkResponse({ type: StrategyDiscussionResponse })
  contribute(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ContributeDto,
  ) {
    return this.meetings.contribute(actor, id, dto);
  }

  @Post('strategy-discussions/:id/cancel')
  @HttpCode(200)
  @Can('strategy_discussion.run')
  @ApiOperation({ summary: 'Cancel a scheduled strategy discussion, with the reason' })
  @ApiOkResponse({ type: StrategyDiscussionResponse })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CancelStrategyDiscussionDto,
  ) {
    return this.service.cancel(actor, id, dto);
  }
}
