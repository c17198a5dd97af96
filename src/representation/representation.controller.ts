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
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  CreateRepresentationDto,
  LetterBeforeProceedingsDto,
  LetterResponse,
  RepresentationPage,
  RepresentationQueryDto,
  RepresentationResponseDto,
  UpdateRepresentationDto,
} from './dto/representation.dto';
import { RepresentationService } from './representation.service';

@ApiTags('parental representation')
@ApiBearerAuth()
@Controller()
export class RepresentationController {
  constructor(private readonly representation: RepresentationService) {}

  @Post('cases/:id/parent-representation')
  @Can('representation.record')
  @ApiOperation({
    summary:
      'Record an advocate or legal representative offered to a parent (case in child protection or pre-proceedings)',
    description:
      "`parentId`: an adult member of the case's family (400 otherwise). Another stage: 409 `stage_not_allowed`.",
  })
  @ApiCreatedResponse({ type: RepresentationResponseDto })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: CreateRepresentationDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const r = await this.representation.create(actor, caseId, dto);
    res.header('ETag', etagFor(r.version));
    return r;
  }

  @Get('cases/:id/parent-representation')
  @Can('representation.read')
  @ApiOperation({
    summary: "The parents' representation offers on the case, and its letter before proceedings",
  })
  @ApiOkResponse({ type: RepresentationPage })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Query() q: RepresentationQueryDto,
  ) {
    return this.representation.list(actor, caseId, q);
  }

  @Patch('parent-representation/:id')
  @Can('representation.record')
  @ApiOperation({ summary: "Record the parent's answer to a pending offer; If-Match required" })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: RepresentationResponseDto })
  async respond(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateRepresentationDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const r = await this.representation.respond(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(r.version));
    return r;
  }

  @Post('cases/:id/letter-before-proceedings')
  @Can('representation.record')
  @ApiOperation({
    summary:
      'Record the date the letter before proceedings was sent (case in pre-proceedings; once per episode)',
  })
  @ApiCreatedResponse({ type: LetterResponse })
  letter(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) caseId: string,
    @Body() dto: LetterBeforeProceedingsDto,
  ) {
    return this.representation.recordLetter(actor, caseId, dto);
  }
}
