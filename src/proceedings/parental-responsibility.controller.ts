import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
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
import { ParentalResponsibilityResponse, PrEntryDto } from './dto/parental-responsibility.dto';
import { ParentalResponsibilityService } from './parental-responsibility.service';

/** Parental responsibility per adult and child (docs/before-proceedings.md). */
@ApiTags('before proceedings')
@ApiBearerAuth()
@Controller('families/:id/members/:personId/parental-responsibility')
export class ParentalResponsibilityController {
  constructor(private readonly pr: ParentalResponsibilityService) {}

  @Get()
  @Can('family.read')
  @ApiOperation({
    summary: "An adult's parental responsibility for the family's children, with its ETag",
    description: '404 for a person not of this family; 409 `not_an_adult` for a child.',
  })
  @ApiOkResponse({ type: ParentalResponsibilityResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) familyId: string,
    @Param('personId', UuidPipe) personId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const body = await this.pr.get(actor, familyId, personId);
    res.header('ETag', etagFor(body.version));
    return body;
  }

  @Put()
  @Can('family.update')
  @ApiOperation({
    summary: "Record an adult's parental responsibility (the whole list; If-Match required)",
    description:
      'A new version replaces the last (kept in history). If-Match: the ETag of GET ("0" before the first). Each child of the family at most once; `basis` required when `hasPR`. 412 stale, 428 missing If-Match, 409 `not_an_adult`.',
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"0"' })
  @ApiBody({ type: [PrEntryDto] })
  @ApiOkResponse({ type: ParentalResponsibilityResponse })
  async put(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) familyId: string,
    @Param('personId', UuidPipe) personId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.pr.put(actor, familyId, personId, requireIfMatch(ifMatch), body);
    res.header('ETag', etagFor(out.version));
    return out;
  }
}
