import { Body, Controller, Get, Headers, Param, Patch, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { etagFor, requireIfMatch } from 'src/common/etag';
import { UuidPipe } from 'src/common/uuid.pipe';
import { PersonResponse, UpdatePersonIdentifiersDto } from './dto/person-identifiers.dto';
import { UpdatePersonDto } from './dto/person-census.dto';
import { PersonCensusService } from './person-census.service';
import { PersonIdentifiersService } from './person-identifiers.service';

@ApiTags('families')
@ApiBearerAuth()
@Controller('persons')
export class PersonController {
  constructor(
    private readonly persons: PersonIdentifiersService,
    private readonly census: PersonCensusService,
  ) {}

  @Get(':id')
  @Can('family.read')
  @ApiOperation({ summary: 'One person with their identifiers (ETag for the identifiers PATCH)' })
  @ApiOkResponse({ type: PersonResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const p = await this.persons.get(actor, id);
    res.header('ETag', etagFor(p.version));
    return p;
  }

  @Patch(':id')
  @Can('family.update')
  @ApiOperation({
    summary:
      "Change a person's census details: sex, gender, ethnicity, disabilities, UPN or why none, dates of birth, LA id (If-Match; audited)",
    description:
      'A field left out is unchanged; `null` clears it. Codes are the DfE lists (400 naming the field otherwise). A UPN given clears `upnUnknownReason`; a `dateOfBirth` given clears `expectedDateOfBirth`; never both of either pair.',
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: PersonResponse })
  async updateCensus(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdatePersonDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const p = await this.census.update(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(p.version));
    return p;
  }

  @Patch(':id/identifiers')
  @Can('family.update')
  @ApiOperation({
    summary: 'Change the NHS number, how it was verified, or why there is none (If-Match; audited)',
    description:
      'A new NHS number is unverified until `verificationSource` is given. From a section 47 enquiry onward (where the LA has the rule in force) each child needs a verified NHS number or an `unverifiedReason`.',
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: PersonResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdatePersonIdentifiersDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const p = await this.persons.update(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(p.version));
    return p;
  }
}
