import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  OverdueQueryDto,
  OverdueTimescaleResponse,
  TimescaleListResponse,
  TimescaleQueryDto,
} from './dto/timescale.dto';
import { TimescaleService } from './timescale.service';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('timescales')
@ApiBearerAuth()
@Controller()
export class TimescaleController {
  constructor(private readonly service: TimescaleService) {}

  @Get('cases/:id/timescales')
  @Can('timescale.read')
  @ApiOperation({
    summary: "The case's statutory and local-policy timescales: due, overdue, met or met_late",
    description:
      '`{ data }` sorted by due date. Working days exclude weekends and England & Wales bank ' +
      'holidays; the triggering day is day 0; due dates counted in weeks or months that land on a ' +
      'non-working day move back to the last working day. Kinds: assessment (45 working days from ' +
      'each referral), initial_cp_conference (15 working days from the strategy discussion), ' +
      'review_cp_conference (3 months after the ICPC, then 6-monthly), core_group (10 working days ' +
      'after the ICPC, then every N weeks, LA setting), visit (per child on a plan, every N working ' +
      'days, LA setting), care_proceedings (26 weeks from the day the application was issued, ' +
      'met when the proceedings concluded), pre_proceedings (N weeks from the letter before ' +
      'proceedings, LA setting, met when pre-proceedings ended), pre_proceedings_review (a ' +
      'review meeting 6 weeks after the letter). Work done late is met_late with daysLate; ' +
      'a missed interval stays listed; items of ended episodes (step-down, closure, earlier ' +
      'referrals) stay listed with endedOn. `?asOf=YYYY-MM-DD` computes statuses as at that date.',
  })
  @ApiOkResponse({ type: TimescaleListResponse })
  forCase(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() query: TimescaleQueryDto,
  ) {
    return this.service.forCase(actor, id, query.asOf);
  }

  @Get('timescales/overdue')
  @Can('timescale.overdue')
  @ApiOperation({
    summary:
      'Overdue timescales across your cases (family_help_manager: your teams; cp_manager: co-worked cases)',
    description:
      'Ordered by case, then due date; `{ data, nextCursor }`. A request examines a bounded number ' +
      'of cases, so a page may be short while nextCursor is not null. `?asOf=` as for a case.',
  })
  @ApiPageResponse(OverdueTimescaleResponse)
  overdue(@CurrentActor() actor: Actor, @Query() query: OverdueQueryDto) {
    return this.service.overdue(actor, query);
  }
}
