import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Authenticated, Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { DomainError } from 'src/common/domain-error';
import { UuidPipe } from 'src/common/uuid.pipe';
import { DecisionRequestService } from './decision-request.service';
import { DecisionService } from './decision.service';
import {
  ChallengeDecisionDto,
  ChallengeResponse,
  DecisionListQueryDto,
  DecisionResponse,
  RecordDecisionDto,
  RecordedDecisionResponse,
} from './dto/decision.dto';
import {
  DecisionRequestQueryDto,
  DecisionRequestResponse,
  RequestDecisionDto,
} from './dto/decision-request.dto';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionController {
  constructor(
    private readonly decisions: DecisionService,
    private readonly requests: DecisionRequestService,
  ) {}

  @Post('cases/:id/decisions')
  @Can('decision.record')
  @ApiOperation({
    summary: 'Record a key child-protection decision (the co-working ECPP only)',
    description:
      'Only an `ecpp` currently assigned as co-worker on this case may record a decision; anyone ' +
      'else in the local authority gets 403 and nothing is written (another LA: 404). The type ' +
      'must be allowed by the case history (docs/domain.md "Key decisions"), else 409 with the refusal ' +
      'code (e.g. `no_open_concern`, `stage_not_allowed`, `child_already_on_plan`). The effect on ' +
      'the stage, open concerns, the timeline and the audit trail commit with the decision. ' +
      'Decisions are immutable: correct one with a new decision giving `supersedesId`.',
  })
  @ApiCreatedResponse({ type: RecordedDecisionResponse })
  @ApiForbiddenResponse({ description: 'Not the ECPP co-working this case' })
  @ApiConflictResponse({ description: 'The case history does not allow this decision now' })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordDecisionDto,
  ) {
    return this.decisions.record(actor, id, dto);
  }

  @Get('cases/:id/decisions')
  @Can('decision.read')
  @ApiOperation({
    summary: 'Every decision on the case, oldest first; superseded ones carry supersededById',
    description:
      '`?order=recorded` (default): in the order they were recorded. `?order=effective`: in the ' +
      'order they took effect (effective date, then recorded).',
  })
  @ApiPageResponse(DecisionResponse)
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() query: DecisionListQueryDto,
  ) {
    return { data: await this.decisions.list(actor, id, query.order), nextCursor: null };
  }

  @Get('cases/:id/decisions/:decisionId')
  @Can('decision.read')
  @ApiOperation({ summary: 'One decision with its recorded challenges' })
  @ApiOkResponse({ type: DecisionResponse })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('decisionId', UuidPipe) decisionId: string,
  ) {
    return this.decisions.get(actor, id, decisionId);
  }

  @Patch('cases/:id/decisions/:decisionId')
  @Authenticated()
  @HttpCode(405)
  @ApiOperation({ summary: 'Not allowed: decisions are immutable (supersede instead) — 405' })
  notPatchable(@Res({ passthrough: true }) res: FastifyReply): never {
    return immutable(res);
  }

  @Delete('cases/:id/decisions/:decisionId')
  @Authenticated()
  @HttpCode(405)
  @ApiOperation({ summary: 'Not allowed: decisions are never deleted — 405' })
  notDeletable(@Res({ passthrough: true }) res: FastifyReply): never {
    return immutable(res);
  }

  @Post('cases/:id/decisions/:decisionId/challenges')
  @Can('decision.challenge')
  @ApiOperation({
    summary: "Record a Family Help practitioner's disagreement with a decision",
    description: 'Shown on the decision (GET decisions) and on the case timeline.',
  })
  @ApiCreatedResponse({ type: ChallengeResponse })
  challenge(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('decisionId', UuidPipe) decisionId: string,
    @Body() dto: ChallengeDecisionDto,
  ) {
    return this.decisions.challenge(actor, id, decisionId, dto);
  }

  @Post('cases/:id/decision-requests')
  @Can('decision.request')
  @ApiOperation({
    summary: 'Ask the co-working ECPP for a decision, with your view (Family Help team)',
  })
  @ApiCreatedResponse({ type: DecisionRequestResponse })
  request(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RequestDecisionDto,
  ) {
    return this.requests.create(actor, id, dto);
  }

  @Get('cases/:id/decision-requests')
  @Can('decision.read')
  @ApiOperation({ summary: 'Decision requests on the case, oldest first, open or answered' })
  @ApiPageResponse(DecisionRequestResponse)
  async caseRequests(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.requests.listForCase(actor, id), nextCursor: null };
  }

  @Get('decision-requests')
  @Can('decision.record')
  @ApiOperation({
    summary: "The calling ECPP's decision requests (cases they co-work); default status=open",
  })
  @ApiPageResponse(DecisionRequestResponse)
  myRequests(@CurrentActor() actor: Actor, @Query() query: DecisionRequestQueryDto) {
    return this.requests.listForEcpp(actor, query);
  }
}

function immutable(res: FastifyReply): never {
  res.header('Allow', 'GET');
  throw new DomainError(
    405,
    'decision_immutable',
    'Decisions cannot be changed or deleted; record a new decision with supersedesId',
  );
}
