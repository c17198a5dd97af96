import { ALLOWED_DOCUMENT_TYPES } from './document-types';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { DocumentService } from './document.service';
import {
  DocumentPage,
  DocumentResponse,
  ListDocumentsQueryDto,
  UploadDocumentDto,
} from './dto/document.dto';
import { DocumentUploadGuard, type UploadedRequest } from './upload.guard';

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentController {
  constructor(private readonly documents: DocumentService) {}

  @Post('cases/:id/documents')
  @Can('document.upload')
  @UseGuards(DocumentUploadGuard)
  @ApiOperation({
    summary: 'Attach a document to the case (multipart upload; audited)',
    description:
      "The type is found from the file's magic bytes, never its name: PDF, JPEG, PNG, GIF, WebP, TIFF, HEIC, BMP, Word (.docx), OpenDocument text, RTF. Anything else — executables, archives, unrecognised bytes — is 415. Larger than DOCUMENT_MAX_BYTES (default 20 MB): 413. A closed case: 409.",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'title'],
      properties: {
        file: { type: 'string', format: 'binary' },
        title: { type: 'string', maxLength: 200, example: 'Signed assessment' },
        attachedTo: {
          type: 'string',
          description: 'Optional JSON: {"type":"assessment"|"meeting"|"plan","id":"<uuid>"}',
          example: '{"type":"meeting","id":"2f1c7c3e-8d0a-4c61-9a43-6f1e2b7d9a10"}',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentResponse })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: UploadDocumentDto,
    @Req() req: UploadedRequest,
  ) {
    return this.documents.upload(actor, caseId, dto, req.uploadedFile as { buffer: Buffer });
  }

  @Get('cases/:id/documents')
  @Can('document.read')
  @ApiOperation({ summary: "The case's documents (metadata), newest first" })
  @ApiOkResponse({ type: DocumentPage })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Query() q: ListDocumentsQueryDto,
  ) {
    return this.documents.list(actor, caseId, q);
  }

  @Get('documents/:id/content')
  @Can('document.read')
  @ApiOperation({
    summary: "Download the document's bytes (an audited read)",
    description:
      'Always `Content-Disposition: attachment` with `X-Content-Type-Options: nosniff`, so a browser saves the file instead of rendering it; `ETag` is the sha256.',
  })
  @ApiProduces(...Object.keys(ALLOWED_DOCUMENT_TYPES))
  @ApiOkResponse({
    description: 'The bytes, as the type detected at upload',
    schema: { type: 'string', format: 'binary' },
  })
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const { meta, body } = await this.documents.download(actor, id);
    // Fastify sends a Buffer or streams a file (a read error after the first byte cuts the
    // response short).
    void res
      .header(
        'Content-Disposition',
        contentDisposition(`${safeName(meta.title)}.${meta.extension}`),
      )
      .header('Content-Type', meta.contentType)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Length', String(meta.size))
      .header('ETag', `"${meta.sha256}"`)
      .send(body);
  }
}

/** A file name from the title: no path separators or control characters. */
function safeName(title: string): string {
  const cleaned = [...title]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
    .join('')
    .replace(/[/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return cleaned || 'document';
}
