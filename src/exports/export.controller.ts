import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
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
      'Streamed. One Child per child with an episode open in the year, one CINdetails per ' +
      "episode (referral → closure) holding only that episode's modules active in the year. " +
      'Validates against the DfE census schema shipped as src/exports/schema/cin-census-2025-26.xsd; ' +
      'from the 2026-27 collection (year 2027) a CINdetails may end with a PreProceedingsandFGDM ' +
      "block (Tandem's reading pending the DfE's final specification: cin-census-2026-27.xsd). " +
      "409 dfe_number_missing until the LA's three-digit DfE number (the LEA) is set.",
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The census XML', schema: { type: 'string' } })
  @ApiConflictResponse({
    description: "dfe_number_missing: the LA's three-digit DfE number (the LEA) is not set",
  })
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
    summary: 'An Ofsted Annex A list (3, 4, 5, 6 or 7) as CSV or XLSX',
    description:
      'Streamed. Column names, order and category values as the Annex A specification gives ' +
      'them; the header on row 1; dates DD/MM/YYYY in CSV and date cells in XLSX; each list ' +
      'over the 12 months up to today. Text cells are formula-injection safe (=, +, -, @ ' +
      'prefixed with a quote).',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The list', schema: { type: 'string' } })
  async annexA(@CurrentActor() actor: Actor, @Query() q: AnnexAQueryDto, @Res() res: FastifyReply) {
    await this.exports.annexA(actor, q.list, q.format ?? 'csv', res.raw);
  }
}
