import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
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
import { PageQueryDto } from 'src/common/pagination';
import { UuidPipe } from 'src/common/uuid.pipe';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseService } from './case.service';
import {
  CloseCaseDto,
  CreateCaseDto,
  ListCasesQueryDto,
  ReopenCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { CasePage, CaseResponse, TimelinePage } from './dto/case.responses';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  @Post()
  @Can('case.create')
  @ApiOperation({ summary: 'Open a case for a family (referral), in Family Help' })
  @ApiCreatedResponse({ type: CaseResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateCaseDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.cases.create(actor, dto));
  }

  @Get()
  @Can('case.read')
  @ApiOperation({
    summary: 'Cases of your local authority, newest first (restricted ones only if visible to you)',
    description:
      'Keyset-paginated on (createdAt, id), newest first; with `updatedSince`, on (lastActivityAt, id), oldest activity first (what changed since: see docs/integrators.md). Every listed case is audited: one `case.list` audit event per case, carrying its childIds, so each child’s access report shows the listing.',
  })
  @ApiOkResponse({ type: CasePage })
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQueryDto) {
    return this.cases.list(actor, q);
  }

  @Get(':id')
  @Can('case.read')
  @ApiOperation({ summary: 'A case with its stage, lead practitioner and co-workers (audited)' })
  @ApiOkResponse({ type: CaseResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.cases.get(actor, id));
  }

  @Patch(':id')
  @Can('case.update')
  @ApiOperation({
    summary:
      "Reassign the lead practitioner or restrict the case (family_help_manager of the case's team); If-Match required",
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: CaseResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCaseDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.cases.update(actor, id, requireIfMatch(ifMatch), dto));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Can('case.close')
  @ApiOperation({
    summary: 'Close the case with a CIN closure reason (409 while a child is on a CP plan)',
  })
  @ApiOkResponse({ type: CaseResponse })
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CloseCaseDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.lifecycle.close(actor, id, dto));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Can('case.reopen')
  @ApiOperation({ summary: 'Reopen a closed case in Family Help (reason recorded)' })
  @ApiOkResponse({ type: CaseResponse })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ReopenCaseDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return withEtag(res, await this.lifecycle.reopen(actor, id, dto));
  }

  @Get(':id/timeline')
  @Can('case.read')
  @ApiOperation({ summary: 'Every event on the case, oldest first' })
  @ApiOkResponse({ type: TimelinePage })
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() q: PageQueryDto,
  ) {
    return this.cases.timelineOf(actor, id, q);
  }
}

function withEtag(res: FastifyReply, c: CaseResponse): CaseResponse {
  res.header('ETag', etagFor(c.version));
  return c;
}
