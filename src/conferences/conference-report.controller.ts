import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
import { ConferenceReportService } from './conference-report.service';
import {
  ConferenceReportPage,
  ConferenceReportResponse,
  SubmitConferenceReportDto,
} from './dto/conference-report.dto';

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences/:id/reports')
export class ConferenceReportController {
  constructor(private readonly reports: ConferenceReportService) {}

  @Post()
  @Can('conference.report')
  @ApiOperation({
    summary:
      "Submit an agency's report to a conference (a MACPT member of the agency; the case's own staff for social care)",
    description:
      '400 on `agency` when the caller does not report for it; 409 `report_already_submitted` (one each), `conference_already_concluded`, `case_closed`.',
  })
  @ApiCreatedResponse({ type: ConferenceReportResponse })
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SubmitConferenceReportDto,
  ) {
    return this.reports.submit(actor, id, dto);
  }

  @Get()
  @Can('conference.read')
  @ApiOperation({
    summary: "The agencies' reports to a conference (readers of the case; its chair)",
  })
  @ApiOkResponse({ type: ConferenceReportPage })
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.reports.list(actor, id), nextCursor: null };
  }
}
