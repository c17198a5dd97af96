import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  FgdmMeetingResponse,
  PartnerFgdmMeetingResponse,
  RecordFgdmMeetingDto,
} from './dto/fgdm.dto';
import { FgdmService } from './fgdm.service';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('family group decision making')
@ApiBearerAuth()
@Controller()
export class FgdmController {
  constructor(private readonly service: FgdmService) {}

  @Post('cases/:id/fgdm-meetings')
  @Can('fgdm.record')
  @ApiOperation({
    summary:
      'Record a family group decision-making meeting: date, coordinator, who attended, the family plan',
  })
  @ApiCreatedResponse({ type: FgdmMeetingResponse })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordFgdmMeetingDto,
  ) {
    return this.service.record(actor, id, dto);
  }

  @Get('cases/:id/fgdm-meetings')
  @Can('plan.read')
  @ApiOperation({ summary: "The case's FGDM meetings, by date" })
  @ApiPageResponse(FgdmMeetingResponse)
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.service.list(actor, id), nextCursor: null };
  }

  @Get('fgdm-meetings/:id')
  @Can('plan.read')
  @ApiOperation({
    summary:
      'An FGDM meeting (a partner it is shared with sees the meeting, the children by name and date of birth, family attendees as counts)',
  })
  @ApiExtraModels(FgdmMeetingResponse, PartnerFgdmMeetingResponse)
  @ApiOkResponse({
    description: 'Staff see the meeting; a partner it is shared with, the partner view',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(FgdmMeetingResponse) },
        { $ref: getSchemaPath(PartnerFgdmMeetingResponse) },
      ],
    },
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.service.get(actor, id);
  }
}
