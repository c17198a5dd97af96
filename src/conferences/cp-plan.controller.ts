import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { etagFor, requireIfMatch } from 'src/common/etag';
import { UuidPipe } from 'src/common/uuid.pipe';
import { CpPlanService } from './cp-plan.service';
import { CpPlanResponse, CpPlanVersionPage, PutCpPlanDto } from './dto/cp-plan.dto';

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('cases/:id/cp-plan')
export class CpPlanController {
  constructor(private readonly plans: CpPlanService) {}

  @Get()
  @Can('case.read')
  @ApiOperation({
    summary: "The child protection plan's content in force (ETag: its version; 0 before the first)",
  })
  @ApiOkResponse({ type: CpPlanResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const p = await this.plans.get(actor, id);
    res.header('ETag', etagFor(p.version));
    return p;
  }

  @Get('versions')
  @Can('case.read')
  @ApiOperation({ summary: "Every version of the plan's content, newest first" })
  @ApiOkResponse({ type: CpPlanVersionPage })
  async versions(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.plans.versions(actor, id), nextCursor: null };
  }

  @Put()
  @Can('cp_plan.write')
  @ApiOperation({
    summary: "Write a new version of the plan's content (a member of the core group; If-Match)",
    description:
      'If-Match: the version in force ("0" for the first). 403 `not_core_group`; 409 `no_cp_plan` (no child on a plan), `case_closed`; 412 when another version was written meanwhile; 428 without If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: CpPlanResponse })
  async put(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: PutCpPlanDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const p = await this.plans.put(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(p.version));
    return p;
  }
}
