import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { CaseService } from './case.service';
import { ChildCasesQueryDto } from './dto/case.dto';
import { CasePage } from './dto/case.responses';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('children')
export class ChildCasesController {
  constructor(private readonly cases: CaseService) {}

  @Get(':personId/cases')
  @Can('case.read')
  @ApiOperation({
    summary: "A child's cases you may see, newest first (audited like the case list)",
    description:
      'Keyset-paginated on (createdAt, id). 404 when the child is not a child of your local authority or belongs to a family you may not see (a restricted case).',
  })
  @ApiOkResponse({ type: CasePage })
  list(
    @CurrentActor() actor: Actor,
    @Param('personId', UuidPipe) personId: string,
    @Query() q: ChildCasesQueryDto,
  ) {
    return this.cases.listForChild(actor, personId, q);
  }
}
