import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { CoWorkingReadService } from './co-working-read.service';
import { CoWorkingService } from './co-working.service';
import {
  AssignCoWorkerDto,
  CoWorkerResponse,
  CoWorkingSummaryResponse,
  ConcernResponse,
  EndCoWorkerDto,
  RaiseConcernDto,
  UnallocatedConcernQueryDto,
  UnallocatedConcernResponse,
} from './dto/co-working.dto';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('co-working')
@ApiBearerAuth()
@Controller()
export class CoWorkingController {
  constructor(
    private readonly service: CoWorkingService,
    private readonly reads: CoWorkingReadService,
  ) {}

  @Post('cases/:id/concerns')
  @Can('concern.raise')
  @ApiOperation({
    summary: 'Raise a concern of significant harm (Family Help team or co-working ECPP)',
    description:
      'The case then needs an ECPP (GET /cases/:id/co-working → needsEcpp) until one is ' +
      'assigned; the concern stays open until a decision ends the child-protection episode.',
  })
  @ApiCreatedResponse({ type: ConcernResponse })
  raise(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RaiseConcernDto,
  ) {
    return this.service.raiseConcern(actor, id, dto);
  }

  @Get('cases/:id/concerns')
  @Can('case.read')
  @ApiOperation({ summary: 'Concerns of significant harm on the case, oldest first' })
  @ApiPageResponse(ConcernResponse)
  async concerns(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.reads.listConcerns(actor, id), nextCursor: null };
  }

  @Get('concerns/unallocated')
  @Can('concern.read_unallocated')
  @ApiOperation({
    summary: 'Open concerns on cases with no ECPP assigned, oldest first (cp_manager)',
  })
  @ApiPageResponse(UnallocatedConcernResponse)
  unallocated(@CurrentActor() actor: Actor, @Query() query: UnallocatedConcernQueryDto) {
    return this.reads.unallocated(actor, query);
  }

  @Get('cases/:id/co-working')
  @Can('decision.read')
  @ApiOperation({
    summary: 'Co-working at a glance: needsEcpp, open concerns, every ECPP assignment',
  })
  @ApiOkResponse({ type: CoWorkingSummaryResponse })
  summary(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.reads.summary(actor, id);
  }

  @Get('cases/:id/co-workers')
  @Can('decision.read')
  @ApiOperation({ summary: 'Every ECPP assignment on the case, current and ended' })
  @ApiPageResponse(CoWorkerResponse)
  async coWorkers(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.reads.listCoWorkers(actor, id), nextCursor: null };
  }

  @Post('cases/:id/co-workers')
  @Can('coworker.assign')
  @ApiOperation({
    summary: 'Assign an ECPP (Expert / Lead Child Protection Practitioner) as co-worker',
    description:
      'cp_manager only. The user must be of the same local authority (else 400 on userId), hold ' +
      '`ecpp` (else 409 `not_ecpp`) and belong to a child_protection team (else 409 ' +
      '`not_in_child_protection_team`). The lead practitioner and team do not change. Several ' +
      'ECPPs may be assigned over time (cover); each assignment is dated and ended, never deleted.',
  })
  @ApiCreatedResponse({ type: CoWorkerResponse })
  @ApiConflictResponse({ description: 'not_ecpp, not_in_child_protection_team, already_assigned' })
  assign(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AssignCoWorkerDto,
  ) {
    return this.service.assign(actor, id, dto);
  }

  @Post('cases/:id/co-workers/:userId/end')
  @Can('coworker.end')
  @HttpCode(200)
  @ApiOperation({ summary: "End an ECPP's co-working (dated, with a reason; the record is kept)" })
  @ApiOkResponse({ type: CoWorkerResponse })
  end(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: EndCoWorkerDto,
  ) {
    return this.service.end(actor, id, userId, dto);
  }
}
