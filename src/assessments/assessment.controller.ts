import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { etagFor } from 'src/common/etag';
import { PageQueryDto } from 'src/common/pagination';
import { UuidPipe } from 'src/common/uuid.pipe';
import { AssessmentService } from './assessment.service';
import {
  AssessmentPage,
  AssessmentResponse,
  CompleteAssessmentRecordDto,
  StartAssessmentDto,
} from './dto/assessment.dto';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller()
export class AssessmentController {
  constructor(private readonly assessments: AssessmentService) {}

  @Post('cases/:id/assessments')
  @Can('assessment.record')
  @ApiOperation({ summary: 'Start a child and family assessment of children of the case' })
  @ApiCreatedResponse({ type: AssessmentResponse })
  async start(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: StartAssessmentDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.assessments.start(actor, caseId, dto));
  }

  @Get('cases/:id/assessments')
  @Can('case.read')
  @ApiOperation({ summary: "The case's assessments, oldest first" })
  @ApiOkResponse({ type: AssessmentPage })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Query() q: PageQueryDto,
  ) {
    return this.assessments.list(actor, caseId, q);
  }

  @Get('assessments/:id')
  @Can('case.read')
  @ApiOperation({ summary: 'An assessment (audited read)' })
  @ApiOkResponse({ type: AssessmentResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.assessments.get(actor, id));
  }

  @Post('assessments/:id/completion')
  @HttpCode(200)
  @Can('assessment.record')
  @ApiOperation({
    summary: 'Record the completion and outcome (a late one needs lateReason); once only',
    description:
      'Late means completed after the due date, 45 working days from the referral: then `lateReason` is required (400 naming it). A second completion: 409.',
  })
  @ApiOkResponse({ type: AssessmentResponse })
  async complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CompleteAssessmentRecordDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.assessments.complete(actor, id, dto));
  }

  @Post('assessments/:id/authorisation')
  @HttpCode(200)
  @Can('assessment.authorise')
  @ApiOperation({
    summary:
      "Authorise a completed assessment: the team's family_help_manager, or the co-working ECPP on a case in child protection",
    description:
      "The first authorised completion meets the case's 45-working-day assessment timescale (met on the completion date; late when after the due date). Anyone else who can see the case: 403. Not completed, or already authorised: 409.",
  })
  @ApiOkResponse({ type: AssessmentResponse })
  async authorise(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.assessments.authorise(actor, id));
  }
}

function withEtag(res: FastifyReply, a: AssessmentResponse): AssessmentResponse {
  res.header('ETag', etagFor(a.version));
  return a;
}
