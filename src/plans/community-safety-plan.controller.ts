import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { requireIfMatch } from 'src/common/etag';
import { UuidPipe } from 'src/common/uuid.pipe';
import { CommunitySafetyPlanWorkService } from './community-safety-plan-work.service';
import { CommunitySafetyPlanService } from './community-safety-plan.service';
import { PlanReviewDto } from './dto/common.dto';
import {
  CommunitySafetyPlanResponse,
  CreateSafetyActionDto,
  EndCommunitySafetyPlanDto,
  SafetyActionResponse,
  StartCommunitySafetyPlanDto,
  UpdateSafetyActionDto,
} from './dto/community-safety-plan.dto';
import { IF_MATCH_HEADER, withEtag } from './plan-http';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('community safety plans')
@ApiBearerAuth()
@Controller()
export class CommunitySafetyPlanController {
  constructor(
    private readonly plans: CommunitySafetyPlanService,
    private readonly work: CommunitySafetyPlanWorkService,
  ) {}

  @Post('cases/:id/community-safety-plans')
  @Can('community_safety_plan.decide')
  @ApiOperation({
    summary:
      'Start a Child Community Safety Plan: the start_community_safety_plan decision and the plan, one transaction (the co-working ECPP only)',
  })
  @ApiCreatedResponse({ type: CommunitySafetyPlanResponse })
  async start(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: StartCommunitySafetyPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.start(actor, id, dto));
  }

  @Get('cases/:id/community-safety-plans')
  @Can('plan.read')
  @ApiOperation({ summary: "The case's Child Community Safety Plans" })
  @ApiPageResponse(CommunitySafetyPlanResponse)
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.plans.listForCase(actor, id), nextCursor: null };
  }

  @Get('community-safety-plans/:id')
  @Can('plan.read')
  @ApiOperation({
    summary:
      'A Child Community Safety Plan with actions and reviews (a partner it is shared with sees the plan and the young person’s name and date of birth; never the rationale)',
  })
  @ApiOkResponse({ type: CommunitySafetyPlanResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.get(actor, id));
  }

  @Post('community-safety-plans/:id/end')
  @Can('community_safety_plan.decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'End the plan: the end_community_safety_plan decision and the plan status ended, one transaction (the co-working ECPP only)',
  })
  @ApiOkResponse({ type: CommunitySafetyPlanResponse })
  async end(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: EndCommunitySafetyPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.end(actor, id, dto));
  }

  @Post('community-safety-plans/:id/actions')
  @Can('community_safety_plan.contribute')
  @ApiOperation({ summary: 'Add an action owned by an agency (the case team or the ECPP)' })
  @ApiCreatedResponse({ type: SafetyActionResponse })
  async addAction(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateSafetyActionDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.work.addAction(actor, id, dto));
  }

  @Patch('community-safety-plans/:id/actions/:actionId')
  @Can('plan.action_update')
  @ApiOperation({
    summary:
      "Update an action's status (a partner only its own agency's actions); If-Match: the action's ETag",
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: SafetyActionResponse })
  async updateAction(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('actionId', UuidPipe) actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateSafetyActionDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(
      res,
      await this.work.updateAction(actor, id, actionId, requireIfMatch(ifMatch), dto),
    );
  }

  @Post('community-safety-plans/:id/reviews')
  @Can('community_safety_plan.contribute')
  @ApiOperation({ summary: 'Record a review of the plan and set the next review date' })
  @ApiCreatedResponse({ type: CommunitySafetyPlanResponse })
  async review(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: PlanReviewDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.work.addReview(actor, id, dto));
  }
}
