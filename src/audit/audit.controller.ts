import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { AuditViewsService } from './audit-views.service';
import {
  AccessReportQueryDto,
  ExportAuditEventsQueryDto,
  ListAuditEventsQueryDto,
  SecurityEventsQueryDto,
} from './dto/audit-query.dto';
import {
  AccessReportResponse,
  AuditEventPage,
  SecurityEventPage,
} from './dto/audit-event.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly views: AuditViewsService) {}

  @Get('audit-events')
  @Can('audit.read')
  @ApiOperation({
    summary:
      "The audit trail of the auditor's local authority (keyset pages; audited as audit.read)",
  })
  @ApiOkResponse({ type: AuditEventPage })
  list(@CurrentActor() actor: Actor, @Query() q: ListAuditEventsQueryDto) {
    return this.views.list(actor, q);
  }

  @Get('security-events')
  @Can('security_event.read')
  @ApiOperation({
    summary:
      'Platform admin: failed and throttled sign-ins and refused bearer tokens of every LA (and of none)',
  })
  @ApiOkResponse({ type: SecurityEventPage })
  securityEvents(@Query() q: SecurityEventsQueryDto) {
    return this.views.securityEvents(q);
  }

  @Get('audit-events/export.csv')
  @Can('audit.read')
  @ApiOperation({
    summary:
      'The filtered audit trail as CSV (RFC 4180, formula cells neutralised; at most 100,000 rows; audited as audit.export)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', schema: { type: 'string' } })
  exportCsv(
    @CurrentActor() actor: Actor,
    @Query() q: ExportAuditEventsQueryDto,
    @Res() res: FastifyReply,
  ) {
    // Streamed on the Node.js response (Fastify sends nothing once its headers are out).
    return this.views.exportCsv(actor, q, res.raw);
  }

  @Get('children/:personId/access-report')
  @Can('audit.read')
  @ApiOperation({
    summary: "Who accessed this child's records, and when (auditor; audited as audit.read)",
  })
  @ApiOkResponse({ type: AccessReportResponse })
  accessReport(
    @CurrentActor() actor: Actor,
    @Param('personId', UuidPipe) personId: string,
    @Query() q: AccessReportQueryDto,
  ) {
    return this.views.accessReport(actor, personId, q);
  }
}
