import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
  AnswerDto,
  DeclineDto,
  InboxQueryDto,
  InformationRequestResponse,
  SendInformationRequestDto,
} from './dto/information-request.dto';
import { InformationRequestReadService } from './information-request-read.service';
import { InformationRequestService } from './information-request.service';

@ApiTags('multi-agency child protection')
@ApiBearerAuth()
@Controller()
export class InformationRequestController {
  constructor(
    private readonly service: InformationRequestService,
    private readonly reads: InformationRequestReadService,
  ) {}

  @Post('strategy-discussions/:id/information-requests')
  @Can('information_request.send')
  @ApiOperation({
    summary:
      'Request information for a strategy discussion (co-working ECPP, cp_manager): to a partner or MACPT member, or an agency’s members; gateway and UK GDPR condition; due by default at the discussion’s start',
  })
  @ApiCreatedResponse({ type: InformationRequestResponse })
  fromDiscussion(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SendInformationRequestDto,
  ) {
    return this.service.sendFromDiscussion(actor, id, dto);
  }

  @Post('cases/:id/information-requests')
  @Can('information_request.send')
  @ApiOperation({
    summary: 'Request information on a case in child protection (co-working ECPP, cp_manager)',
  })
  @ApiCreatedResponse({ type: InformationRequestResponse })
  onCase(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SendInformationRequestDto,
  ) {
    return this.service.sendOnCase(actor, id, dto);
  }

  @Get('information-requests')
  @Can('information_request.read')
  @ApiOperation({
    summary:
      'The inbox: requests addressed to me or my agency; for the ECPP and cp_manager those on their cases (status open, overdue or answered; mine=true: addressed to or sent by me), by due time',
  })
  @ApiPageResponse(InformationRequestResponse)
  inbox(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto) {
    return this.reads.inbox(actor, q);
  }

  @Get('information-requests/:id')
  @Can('information_request.read')
  @ApiOperation({
    summary:
      'A request: its addressee sees the request only (children, questions, deadline, its own answer), never the case',
  })
  @ApiOkResponse({ type: InformationRequestResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.reads.get(actor, id);
  }

  @Post('information-requests/:id/acknowledge')
  @HttpCode(200)
  @Can('information_request.respond')
  @ApiOperation({ summary: 'The addressee acknowledges the request' })
  @ApiOkResponse({ type: InformationRequestResponse })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.service.acknowledge(actor, id);
  }

  @Post('information-requests/:id/answer')
  @HttpCode(200)
  @Can('information_request.respond')
  @ApiOperation({ summary: 'The addressee answers (text, or nothingKnown: true)' })
  @ApiOkResponse({ type: InformationRequestResponse })
  answer(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: AnswerDto) {
    return this.service.answer(actor, id, dto);
  }

  @Post('information-requests/:id/decline')
  @HttpCode(200)
  @Can('information_request.respond')
  @ApiOperation({
    summary:
      'The addressee declines, with its reason (the judgement that sharing would be more detrimental to the child)',
  })
  @ApiOkResponse({ type: InformationRequestResponse })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: DeclineDto,
  ) {
    return this.service.decline(actor, id, dto);
  }

  @Post('information-requests/:id/withdraw')
  @HttpCode(200)
  @Can('information_request.send')
  @ApiOperation({
    summary: 'The sender side (co-working ECPP, cp_manager) withdraws an open request',
  })
  @ApiOkResponse({ type: InformationRequestResponse })
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.service.withdraw(actor, id);
  }
}
