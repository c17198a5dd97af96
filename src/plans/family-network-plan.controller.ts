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
import { PlanReviewDto } from './dto/common.dto';
import {
  AgreeFamilyNetworkPlanDto,
  CreateFamilyNetworkPlanDto,
  EndFamilyNetworkPlanDto,
  FamilyNetworkPlanResponse,
  FamilyNetworkPlanVersionResponse,
  UpdateFamilyNetworkPlanDto,
} from './dto/family-network-plan.dto';
import { FamilyNetworkPlanLifecycleService } from './family-network-plan-lifecycle.service';
import { FamilyNetworkPlanService } from './family-network-plan.service';
import { IF_MATCH_HEADER, withEtag } from './plan-http';
import { ApiPageResponse } from '../common/openapi-page';

/** Family Network Plans (Family Network Support Packages). Writes return the plan and its ETag. */
@ApiTags('family network plans')
@ApiBearerAuth()
@Controller()
export class FamilyNetworkPlanController {
  constructor(
    private readonly plans: FamilyNetworkPlanService,
    private readonly lifecycle: FamilyNetworkPlanLifecycleService,
  ) {}

  @Post('cases/:id/family-network-plans')
  @Can('family_network_plan.write')
  @ApiOperation({ summary: 'Draft a Family Network Plan (status draft, version 1)' })
  @ApiCreatedResponse({ type: FamilyNetworkPlanResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateFamilyNetworkPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.create(actor, id, dto));
  }

  @Get('cases/:id/family-network-plans')
  @Can('plan.read')
  @ApiOperation({ summary: "The case's Family Network Plans" })
  @ApiPageResponse(FamilyNetworkPlanResponse)
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.plans.listForCase(actor, id), nextCursor: null };
  }

  @Get('family-network-plans/:id')
  @Can('plan.read')
  @ApiOperation({
    summary:
      'A Family Network Plan: its current version, agreements and reviews (also to a partner it is shared with)',
  })
  @ApiOkResponse({ type: FamilyNetworkPlanResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.get(actor, id));
  }

  @Patch('family-network-plans/:id')
  @Can('family_network_plan.write')
  @ApiOperation({
    summary:
      'Edit the plan: always a new version (history kept) needing fresh agreement, the agreed version staying in force until then; supportPackage is merged field by field; If-Match required',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: FamilyNetworkPlanResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateFamilyNetworkPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.plans.update(actor, id, requireIfMatch(ifMatch), dto));
  }

  @Get('family-network-plans/:id/versions')
  @Can('plan.read')
  @ApiOperation({ summary: 'Every version of the plan, oldest first, with its agreements' })
  @ApiPageResponse(FamilyNetworkPlanVersionResponse)
  async versions(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.plans.versions(actor, id), nextCursor: null };
  }

  @Post('family-network-plans/:id/agreements')
  @Can('family_network_plan.agree')
  @ApiOperation({
    summary:
      "Agree the current version's support package: a Family Help manager of the case's team, and on a case in child_protection or later also the co-working ECPP; agreed once all required agreements exist",
  })
  @ApiCreatedResponse({ type: FamilyNetworkPlanResponse })
  async agree(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AgreeFamilyNetworkPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.lifecycle.agree(actor, id, dto));
  }

  @Post('family-network-plans/:id/activate')
  @Can('family_network_plan.write')
  @HttpCode(200)
  @ApiOperation({ summary: 'An agreed plan becomes active' })
  @ApiOkResponse({ type: FamilyNetworkPlanResponse })
  async activate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.lifecycle.activate(actor, id));
  }

  @Post('family-network-plans/:id/end')
  @Can('family_network_plan.write')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the plan ({ reason })' })
  @ApiOkResponse({ type: FamilyNetworkPlanResponse })
  async end(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: EndFamilyNetworkPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.lifecycle.end(actor, id, dto));
  }

  @Post('family-network-plans/:id/reviews')
  @Can('family_network_plan.write')
  @ApiOperation({
    summary:
      'Record a review (meets the family_network_plan_review timescale) and set the next review date',
  })
  @ApiCreatedResponse({ type: FamilyNetworkPlanResponse })
  async review(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: PlanReviewDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.lifecycle.reviewPlan(actor, id, dto));
  }
}
