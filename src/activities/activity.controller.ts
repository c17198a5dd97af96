import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { ActivityService } from './activity.service';
import {
  MeetingResponse,
  RecordMeetingDto,
  RecordVisitDto,
  VisitResponse,
} from './dto/activity.dto';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('timescales')
@ApiBearerAuth()
@Controller('cases/:id')
export class ActivityController {
  constructor(private readonly service: ActivityService) {}

  @Post('meetings')
  @Can('activity.record')
  @ApiOperation({
    summary: 'Record a strategy discussion, conference or core group held (meets timescales)',
  })
  @ApiCreatedResponse({ type: MeetingResponse })
  recordMeeting(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordMeetingDto,
  ) {
    return this.service.recordMeeting(actor, id, dto);
  }

  @Get('meetings')
  @Can('case.read')
  @ApiOperation({ summary: 'Meetings held on the case, by date' })
  @ApiPageResponse(MeetingResponse)
  async meetings(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.service.listMeetings(actor, id), nextCursor: null };
  }

  @Post('visits')
  @Can('activity.record')
  @ApiOperation({ summary: 'Record a statutory visit to a child (and whether seen alone)' })
  @ApiCreatedResponse({ type: VisitResponse })
  recordVisit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordVisitDto,
  ) {
    return this.service.recordVisit(actor, id, dto);
  }

  @Get('visits')
  @Can('case.read')
  @ApiOperation({ summary: 'Visits to the children of the case, by date' })
  @ApiPageResponse(VisitResponse)
  async visits(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.service.listVisits(actor, id), nextCursor: null };
  }
}
