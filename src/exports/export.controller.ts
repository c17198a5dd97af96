import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { AnnexAQueryDto, CinCensusQueryDto } from './dto/export.dto';
import { ExportService } from './export.service';

@ApiTags('exports')
@Controller('exports')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('cin-census')
  @Can('export.read')
  @ApiOperation({
    summary: 'Children in Need census XML for a collection year (export:read or la_admin)',
    description:
      'Streamed. Validates against the schema shipped as src/exports/cin-census.xsd (the DfE ' +
      'module structure for the data Tandem holds).',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The census XML', schema: { type: 'string' } })
  async cinCensus(
    @CurrentActor() actor: Actor,
    @Query() q: CinCensusQueryDto,
    @Res() res: FastifyReply,
  ) {
    // Streamed on the Node.js response (Fastify sends nothing once its headers are out).
    await this.exports.cinCensus(actor, q.year, res.raw);
  }

  @Get('annex-a')
  @Can('export.read')
  @ApiOperation({
    summary: 'An Ofsted Annex A list (5, 6 or 7) as CSV or XLSX, one row per child',
    description: 'Streamed; cells are formula-injection safe (=, +, -, @ prefixed with a quote).',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The list', schema: { type: 'string' } })
  async annexA(@CurrentActor() actor: Actor, @Query() q: AnnexAQueryDto, @Res() res: FastifyReply) {
    await this.exports.annexA(actor, q.list, q.format ?? 'csv', res.raw);
  }
}
