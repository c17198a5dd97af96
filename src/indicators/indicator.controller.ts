import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import {
  IndicatorCasesQueryDto,
  IndicatorCasesResponse,
  IndicatorQueryDto,
  IndicatorsResponse,
  IndicatorValue,
} from './dto/indicator.dto';
import { INDICATOR_KEYS } from './indicator-sql';
import { IndicatorService } from './indicator.service';

@ApiTags('indicators')
@ApiBearerAuth()
@ApiExtraModels(IndicatorValue)
@Controller('indicators')
export class IndicatorController {
  constructor(private readonly service: IndicatorService) {}

  @Get()
  @Can('indicators.read')
  @ApiOperation({
    summary: 'Practice indicators of the co-working model, with series by month',
    description:
      'family_help_manager (own teams), cp_manager, auditor and service_manager (any team, or the LA); never ' +
      'la_admin. Computed from the case history by set-based queries; each indicator has its ' +
      'definition in docs/indicators.md, a total and a series with every month of the period. ' +
      'Restricted cases count in the aggregates. Indicators: ' +
      INDICATOR_KEYS.join(', ') +
      '.',
  })
  @ApiOkResponse({ type: IndicatorsResponse })
  indicators(@CurrentActor() actor: Actor, @Query() query: IndicatorQueryDto) {
    return this.service.indicators(actor, query);
  }

  @Get(':indicator/cases')
  @Can('indicators.read')
  @ApiOperation({
    summary: 'The items (and their cases) behind one indicator: the drill-down',
    description:
      '`{ data, nextCursor }` ordered by date. Lists only cases the caller may read: a ' +
      'restricted case only to those who open it; an auditor (who reads no case) gets an empty ' +
      'list. Same query parameters as GET /indicators. An unknown indicator is 404.',
  })
  @ApiOkResponse({ type: IndicatorCasesResponse })
  cases(
    @CurrentActor() actor: Actor,
    @Param('indicator') indicator: string,
    @Query() query: IndicatorCasesQueryDto,
  ) {
    return this.service.cases(actor, indicator, query);
  }
}
