import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
import {
  FamilyAccessPage,
  FamilyAccessResponse,
  GrantReasonDto,
  ProposeFamilyAccessDto,
  RedactionResponse,
  RedactionsDto,
  RevokeFamilyAccessDto,
} from './dto/family-access.dto';
import {
  CreateFamilySummaryDto,
  ExplanationDto,
  ExplanationResponse,
  FamilySummaryPage,
  FamilySummaryResponse,
  StaffFamilyResponsePage,
} from './dto/family-summary.dto';
import { FamilyAccessService } from './family-access.service';
import { FamilySummaryService } from './family-summary.service';
import {
  FamilyViewIndicatorQuery,
  FamilyViewIndicators,
  FamilyViewIndicatorsService,
} from './family-view-indicators';

/** Staff routes of the family's own view (docs/family-view.md). */
@ApiTags("the family's view")
@ApiBearerAuth()
@Controller()
export class FamilyViewStaffController {
  constructor(
    private readonly grants: FamilyAccessService,
    private readonly summaries: FamilySummaryService,
    private readonly indicators: FamilyViewIndicatorsService,
  ) {}

  @Get('family-view/indicators')
  @Can('indicators.read')
  @ApiOperation({
    summary:
      'The family view in figures: summaries published within the local timescale, families who responded, the disagreement rate',
    description:
      "cp_manager, auditor and service_manager: the LA; a family_help_manager: their own teams' cases. Aggregates only.",
  })
  @ApiOkResponse({ type: FamilyViewIndicators })
  figures(@CurrentActor() actor: Actor, @Query() q: FamilyViewIndicatorQuery) {
    return this.indicators.compute(actor, q);
  }

  @Post('cases/:id/family-access')
  @Can('family_access.propose')
  @ApiOperation({
    summary:
      'Propose family access for one member of the family (the lead practitioner, after a safety check)',
    description:
      "`personId`: a member of the case's family (400). 409 `grant_exists` while they have a live grant; " +
      '409 `grant_refused_safety` when recorded as an alleged perpetrator of domestic abuse; 409 `case_closed`.',
  })
  @ApiCreatedResponse({ type: FamilyAccessResponse })
  propose(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: ProposeFamilyAccessDto,
  ) {
    return this.grants.propose(actor, caseId, dto);
  }

  @Get('cases/:id/family-access')
  @Can('case.read')
  @ApiOperation({ summary: "The case's family-access grants" })
  @ApiOkResponse({ type: FamilyAccessPage })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) caseId: string) {
    return this.grants.list(actor, caseId);
  }

  @Post('family-access/:id/approve')
  @HttpCode(200)
  @Can('family_access.approve')
  @ApiOperation({
    summary:
      'Approve (or reinstate) a grant: the co-working ECPP on a case in child protection or proceedings, else the team’s family_help_manager',
    description:
      'The answer to the approval that activates a grant for the first time carries the one-time `invitationCode` (shown once).',
  })
  @ApiOkResponse({ type: FamilyAccessResponse })
  approve(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.grants.approve(actor, id);
  }

  @Post('family-access/:id/suspend')
  @HttpCode(200)
  @Can('family_access.manage')
  @ApiOperation({
    summary: 'Suspend an active grant: access ends at the family member’s next request',
  })
  @ApiOkResponse({ type: FamilyAccessResponse })
  suspend(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: GrantReasonDto,
  ) {
    return this.grants.suspend(actor, id, dto.reason);
  }

  @Post('family-access/:id/revoke')
  @HttpCode(200)
  @Can('family_access.manage')
  @ApiOperation({ summary: 'Revoke a grant for good' })
  @ApiOkResponse({ type: FamilyAccessResponse })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RevokeFamilyAccessDto,
  ) {
    return this.grants.revoke(actor, id, dto.reason);
  }

  @Post('cases/:id/family-summaries')
  @Can('family_summary.write')
  @ApiOperation({
    summary: 'Draft a family summary of a plan version in force',
    description:
      '400 when `planId` is not a plan of that type in force on the case; 409 `plan_version_not_in_force`.',
  })
  @ApiCreatedResponse({ type: FamilySummaryResponse })
  createSummary(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: CreateFamilySummaryDto,
  ) {
    return this.summaries.create(actor, caseId, dto);
  }

  @Get('cases/:id/family-summaries')
  @Can('case.read')
  @ApiOperation({ summary: "The case's family summaries, drafts included" })
  @ApiOkResponse({ type: FamilySummaryPage })
  listSummaries(@CurrentActor() actor: Actor, @Param('id', UuidPipe) caseId: string) {
    return this.summaries.list(actor, caseId);
  }

  @Post('family-summaries/:id/publish')
  @HttpCode(200)
  @Can('family_summary.write')
  @ApiOperation({
    summary: 'Publish a family summary to the family',
    description: '409 `already_published`; 409 `plan_version_not_in_force` when the plan moved on.',
  })
  @ApiOkResponse({ type: FamilySummaryResponse })
  publish(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.summaries.publish(actor, id);
  }

  @Post('decisions/:id/explanations')
  @Can('family_summary.write')
  @ApiOperation({
    summary: 'Explain a decision in plain words for the family (never its rationale)',
  })
  @ApiCreatedResponse({ type: ExplanationResponse })
  explain(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) decisionId: string,
    @Body() dto: ExplanationDto,
  ) {
    return this.summaries.explain(actor, decisionId, dto);
  }

  @Get('cases/:id/family-responses')
  @Can('case.read')
  @ApiOperation({
    summary: "The family's responses to their plans and decisions (the core group's view)",
  })
  @ApiOkResponse({ type: StaffFamilyResponsePage })
  responses(@CurrentActor() actor: Actor, @Param('id', UuidPipe) caseId: string) {
    return this.summaries.responses(actor, caseId);
  }

  @Put('persons/:id/redactions')
  @Can('family.update')
  @ApiOperation({
    summary: "Withhold a person's details from named members of their family in the family view",
  })
  @ApiOkResponse({ type: RedactionResponse })
  redactions(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) personId: string,
    @Body() dto: RedactionsDto,
  ) {
    return this.summaries.setRedactions(actor, personId, dto);
  }
}
