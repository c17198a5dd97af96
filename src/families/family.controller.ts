import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
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
  CreateFamilyDto,
  FamilyMemberDto,
  ListFamiliesQueryDto,
  UpdateFamilyDto,
} from './dto/family.dto';
import { CreateNetworkMemberDto } from './dto/network-member.dto';
import {
  FamilyPage,
  FamilyResponse,
  MemberResponse,
  NetworkMemberResponse,
} from './dto/family.responses';
import { FamilyService } from './family.service';

@ApiTags('families')
@ApiBearerAuth()
@Controller('families')
export class FamilyController {
  constructor(private readonly families: FamilyService) {}

  @Post()
  @Can('family.create')
  @ApiOperation({ summary: 'Create a family with its members (children and adults)' })
  @ApiBody({
    type: CreateFamilyDto,
    examples: {
      childAndMother: {
        summary: 'A child and her mother',
        value: {
          name: 'Khan family',
          members: [
            { kind: 'child', firstName: 'Amira', lastName: 'Khan', dateOfBirth: '2019-03-14' },
            {
              kind: 'adult',
              firstName: 'Sara',
              lastName: 'Khan',
              nhsNumber: '943 476 5919',
              relationships: [{ childIndex: 0, relationship: 'mother' }],
            },
          ],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: FamilyResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateFamilyDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const family = await this.families.create(actor, dto);
    res.header('ETag', etagFor(family.version));
    return family;
  }

  @Get()
  @Can('family.read')
  @ApiOperation({
    summary: 'Search families of your local authority by name (partial) or date of birth',
    description:
      'Name search is partial and case- and accent-insensitive (pg_trgm + unaccent); every word must match the family name or one member’s full name. A `search` that is a date (YYYY-MM-DD or DD/MM/YYYY) searches dates of birth. Newest first, keyset-paginated. The search is audited (`family.search`, with the listed children).',
  })
  @ApiOkResponse({ type: FamilyPage })
  list(@CurrentActor() actor: Actor, @Query() q: ListFamiliesQueryDto) {
    return this.families.list(actor, q);
  }

  @Get(':id')
  @Can('family.read')
  @ApiOperation({ summary: 'A family with its members, relationships and network (audited)' })
  @ApiOkResponse({ type: FamilyResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const family = await this.families.get(actor, id);
    res.header('ETag', etagFor(family.version));
    return family;
  }

  @Patch(':id')
  @Can('family.update')
  @ApiOperation({ summary: 'Rename the family; If-Match required' })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiOkResponse({ type: FamilyResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateFamilyDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const family = await this.families.update(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(family.version));
    return family;
  }

  @Post(':id/members')
  @Can('family.update')
  @ApiOperation({ summary: 'Add a child or adult to the family' })
  @ApiCreatedResponse({ type: MemberResponse })
  addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: FamilyMemberDto,
  ) {
    return this.families.addMember(actor, id, dto);
  }

  @Post(':id/network')
  @Can('family.update')
  @ApiOperation({ summary: 'Add wider family or a friend to the family network' })
  @ApiCreatedResponse({ type: NetworkMemberResponse })
  addNetworkMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateNetworkMemberDto,
  ) {
    return this.families.addNetworkMember(actor, id, dto);
  }
}
