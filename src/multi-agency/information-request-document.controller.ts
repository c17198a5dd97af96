import { Body, Controller, Param, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { DocumentResponse } from 'src/documents/dto/document.dto';
import { DocumentUploadGuard, UploadTo, type UploadedRequest } from 'src/documents/upload.guard';
import { INFORMATION_REQUEST } from './record-kinds';
import { AnswerDocumentDto } from './dto/information-request.dto';
import { InformationRequestDocuments } from './information-request-documents.service';

@ApiTags('multi-agency child protection')
@ApiBearerAuth()
@Controller()
export class InformationRequestDocumentController {
  constructor(private readonly documents: InformationRequestDocuments) {}

  @Post('information-requests/:id/documents')
  @Can('information_request.respond')
  @UploadTo({ permission: 'information_request.respond', kind: INFORMATION_REQUEST })
  @UseGuards(DocumentUploadGuard)
  @ApiOperation({
    summary:
      'The addressee attaches a document to its answer (multipart; an inbound information-sharing record; audited)',
    description:
      'While the request is sent, acknowledged or answered (declined or withdrawn: 409). Types as `POST /cases/:id/documents` (415), size limit 413. Anyone but the addressee: 404 (staff who see the request: 403).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'title'],
      properties: {
        file: { type: 'string', format: 'binary' },
        title: { type: 'string', maxLength: 200, example: 'Health visitor record' },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentResponse })
  attach(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AnswerDocumentDto,
    @Req() req: UploadedRequest,
  ) {
    return this.documents.attach(actor, id, dto, req.uploadedFile as { buffer: Buffer });
  }
}
