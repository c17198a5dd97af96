import { Body, Controller, HttpCode, Post } from '@nestjs/common';
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
import { CreateExtractDto, ExtractColumn, ExtractResponse } from './dto/extract.dto';
import { EvaluationService } from './evaluation.service';

@ApiTags('evaluation')
@ApiBearerAuth()
@ApiExtraModels(ExtractColumn)
@Controller('evaluation')
export class EvaluationController {
  constructor(private readonly service: EvaluationService) {}

  @Post('extracts')
  @HttpCode(200)
  @Can('evaluation.read')
  @ApiOperation({
    summary: 'A pseudonymised evaluation extract of the cases referred in a period',
    description:
      'auditor, or an API client with the evaluation:read scope. Three CSV tables (child-' +
      'episodes, events with day offsets from the referral, aggregates with cells under 5 ' +
      'suppressed) with typed columns. Pseudonyms are keyed HMACs under a fresh key per extract ' +
      'that is never stored: stable within an extract, unlinkable across extracts. No names, ' +
      'dates of birth (age bands only), free text or raw ids; restricted cases only in the ' +
      'aggregates. `purpose` and `lawfulBasis` are required and audited with the extract. Data ' +
      'dictionary: docs/evaluation-extract.md.',
  })
  @ApiOkResponse({ type: ExtractResponse })
  extract(@CurrentActor() actor: Actor, @Body() dto: CreateExtractDto) {
    return this.service.extract(actor, dto);
  }
}
