import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { CaseChildService } from './case-child.service';
import {
  AddCaseChildDto,
  CaseChildRecordPage,
  CaseChildRecord,
  RecordBirthDto,
} from './case-child.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/children')
export class CaseChildController {
  constructor(private readonly children: CaseChildService) {}

  @Get()
  @Can('case.read')
  @ApiOperation({ summary: "The case's children: named at referral, or added (when, why)" })
  @ApiOkResponse({ type: CaseChildRecordPage })
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.children.list(actor, id), nextCursor: null };
  }

  @Post()
  @Can('case.child_add')
  @ApiOperation({
    summary:
      "Add a child to an open case, dated, with a reason (the case's Family Help team or its ECPP)",
    description:
      "The person is a child of the case's family; `unborn` for a child with an expectedDateOfBirth and no dateOfBirth (then a `pre_birth` conference). 400 naming `personId`, `reason` or `addedOn`; 409 `child_already_in_case`, `child_has_open_case` (another open case), `case_closed`.",
  })
  @ApiCreatedResponse({ type: CaseChildRecord })
  add(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddCaseChildDto,
  ) {
    return this.children.add(actor, id, dto);
  }

  @Post(':personId/birth')
  @HttpCode(200)
  @Can('case.child_add')
  @ApiOperation({
    summary: 'Record the birth of a child of the case recorded unborn',
    description:
      '404 when the person is not a child of the case; 409 `already_born`; 400 on a `dateOfBirth` in the future.',
  })
  @ApiOkResponse({ type: CaseChildRecord })
  birth(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Body() dto: RecordBirthDto,
  ) {
    return this.children.recordBirth(actor, id, personId, dto);
  }
}
