import { Body, Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
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
import { etagFor, requireIfMatch } from 'src/common/etag';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  CreateActionDto,
  CreateGoalDto,
  CreatePlanDto,
  CreateReviewDto,
  PlanActionResult,
  PlanResponse,
  UpdateActionDto,
  UpdateGoalDto,
  UpdatePlanDto,
} from './plan.dto';
import { PlanService } from './plan.service';

const IF_MATCH = {
  name: 'If-Match',
  required: true,
  example: '"3"',
  description: "The plan's ETag",
};

/** Every write returns the whole plan with its new ETag. */
@ApiTags('family help plans')
@ApiBearerAuth()
@Controller('cases/:id/family-help-plan')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Post()
  @Can('case.plan')
  @ApiOperation({
    summary: 'Create the case’s Family Help plan (goals with actions); one per case',
  })
  @ApiCreatedResponse({ type: PlanResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreatePlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.create(actor, id, dto));
  }

  @Get()
  @Can('case.read')
  @ApiOperation({ summary: 'The Family Help plan with goals, actions and reviews (audited)' })
  @ApiOkResponse({ type: PlanResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.get(actor, id));
  }

  @Patch()
  @Can('case.plan')
  @ApiOperation({ summary: 'Set the next review date; If-Match required' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PlanResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdatePlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.update(actor, id, requireIfMatch(ifMatch), dto));
  }

  @Post('goals')
  @Can('case.plan')
  @ApiOperation({ summary: 'Add a goal; returns the plan' })
  @ApiCreatedResponse({ type: PlanResponse })
  async addGoal(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateGoalDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.addGoal(actor, id, dto));
  }

  @Patch('goals/:goalId')
  @Can('case.plan')
  @ApiOperation({ summary: 'Change a goal (description, status); If-Match required' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PlanResponse })
  async updateGoal(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('goalId', UuidPipe) goalId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateGoalDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(
      res,
      await this.plans.updateGoal(actor, id, goalId, requireIfMatch(ifMatch), dto),
    );
  }

  @Post('actions')
  @Can('case.plan')
  @ApiOperation({
    summary:
      "Add an action (owner: ownerUserId or ownerName); returns the action, with the plan's new version (ETag)",
  })
  @ApiCreatedResponse({ type: PlanActionResult })
  async addAction(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateActionDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.addAction(actor, id, dto));
  }

  @Patch('actions/:actionId')
  @Can('case.plan')
  @ApiOperation({
    summary:
      "Change an action (status, due date, owner…); If-Match: the plan's version; returns the action",
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PlanActionResult })
  async updateAction(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('actionId', UuidPipe) actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateActionDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(
      res,
      await this.plans.updateAction(actor, id, actionId, requireIfMatch(ifMatch), dto),
    );
  }

  @Post('reviews')
  @Can('case.plan')
  @ApiOperation({ summary: 'Record a review of the plan (and the next review date)' })
  @ApiCreatedResponse({ type: PlanResponse })
  async addReview(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateReviewDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.addReview(actor, id, dto));
  }
}

function withEtag<T extends { version: number }>(res: FastifyReply, body: T): T {
  res.header('ETag', etagFor(body.version));
  return body;
}
