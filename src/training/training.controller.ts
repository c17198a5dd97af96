import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { PageQueryDto } from 'src/common/pagination';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  CreatedRunResponse,
  CreateRunDto,
  DeletedRunResponse,
  RunListResponse,
  ScenarioListResponse,
} from './dto/training.dto';
import { TrainingService } from './training.service';

@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Get('scenarios')
  @Can('training.manage')
  @ApiOperation({
    summary: 'The scenarios shipped in seeds/scenarios/, with their briefs (trainer)',
    description:
      'Each file is validated as a load would: the ones that validate are in `data`; a file that does not is listed in `invalid` with its problems (file, line, path, message) instead of failing the listing.',
  })
  @ApiOkResponse({ type: ScenarioListResponse })
  scenarios() {
    return { ...this.training.scenarios(), nextCursor: null };
  }

  @Post('scenarios/:name/runs')
  @Can('training.manage')
  @ApiOperation({
    summary: 'Load a scenario into a fresh sandbox local authority (trainer)',
    description:
      'One transaction through the same rules as the API: a scenario that cannot load is a 422 naming the event, and leaves nothing. The users’ generated passwords are returned once.',
  })
  @ApiCreatedResponse({ type: CreatedRunResponse })
  createRun(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() dto: CreateRunDto) {
    return this.training.createRun(actor, name, { laCode: dto.laCode });
  }

  @Get('runs')
  @Can('training.manage')
  @ApiOperation({ summary: "Training runs created by trainers of the caller's local authority" })
  @ApiOkResponse({ type: RunListResponse })
  runs(@CurrentActor() actor: Actor, @Query() q: PageQueryDto) {
    return this.training.listRuns(actor, q);
  }

  @Delete('runs/:runId')
  @Can('training.manage')
  @ApiOperation({
    summary: 'Delete a run: every row of its sandbox, audit and timeline included (trainer)',
    description:
      'Through the one privileged purge function, which refuses any LA that is not a sandbox; the purge is recorded in the platform audit.',
  })
  @ApiOkResponse({ type: DeletedRunResponse })
  deleteRun(@CurrentActor() actor: Actor, @Param('runId', UuidPipe) runId: string) {
    return this.training.deleteRun(actor, runId);
  }
}
