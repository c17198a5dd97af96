import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { etagFor, requireIfMatch } from 'src/common/etag';
import { PageQueryDto } from 'src/common/pagination';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  AddendumResponse,
  CreateAddendumDto,
  CreateNoteDto,
  NotePage,
  NoteResponse,
  UpdateNoteDto,
} from './note.dto';
import { NoteService } from './note.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/notes')
export class NoteController {
  constructor(private readonly notes: NoteService) {}

  @Post()
  @Can('case.note')
  @ApiOperation({ summary: 'Add a case note (author and recorded date kept)' })
  @ApiCreatedResponse({ type: NoteResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateNoteDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const note = await this.notes.create(actor, id, dto);
    res.header('ETag', etagFor(note.version));
    return note;
  }

  @Get()
  @Can('case.read')
  @ApiOperation({ summary: 'Case notes with their addenda, oldest first (audited)' })
  @ApiOkResponse({ type: NotePage })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() q: PageQueryDto) {
    return this.notes.list(actor, id, q);
  }

  @Patch(':noteId')
  @Can('case.note')
  @ApiOperation({
    summary: 'Correct a note: its author only, within 15 minutes of writing it; If-Match required',
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: NoteResponse })
  async correct(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('noteId', UuidPipe) noteId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateNoteDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const note = await this.notes.correct(actor, id, noteId, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(note.version));
    return note;
  }

  @Post(':noteId/addenda')
  @Can('case.note')
  @ApiOperation({ summary: 'Add an addendum to a note (notes themselves are immutable)' })
  @ApiCreatedResponse({ type: AddendumResponse })
  addAddendum(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('noteId', UuidPipe) noteId: string,
    @Body() dto: CreateAddendumDto,
  ) {
    return this.notes.addAddendum(actor, id, noteId, dto);
  }
}
