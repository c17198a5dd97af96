import { Body, Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
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
  CreateLocalAuthorityDto,
  LocalAuthorityResponse,
  UpdateLocalAuthoritySettingsDto,
} from './dto/local-authority.dto';
import { LocalAuthorityService } from './local-authority.service';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('local-authorities')
export class LocalAuthorityController {
  constructor(private readonly service: LocalAuthorityService) {}

  @Post()
  @Can('local_authority.create')
  @ApiOperation({ summary: 'Create a local authority (platform admin)' })
  @ApiCreatedResponse({ type: LocalAuthorityResponse })
  create(@Body() dto: CreateLocalAuthorityDto) {
    return this.service.create(dto);
  }

  @Get()
  @Can('local_authority.read')
  @ApiOperation({ summary: 'Local authorities visible to the caller (an la_admin sees its own)' })
  @ApiPageResponse(LocalAuthorityResponse)
  async list(@CurrentActor() actor: Actor) {
    return { data: await this.service.list(actor), nextCursor: null };
  }

  @Get(':id')
  @Can('local_authority.read')
  @ApiOperation({ summary: 'One local authority with its local-policy settings' })
  @ApiOkResponse({ type: LocalAuthorityResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const la = await this.service.get(actor, id);
    res.header('ETag', etagFor(la.version));
    return la;
  }

  @Patch(':id/settings')
  @Can('local_authority.settings')
  @ApiOperation({ summary: 'Local-policy timescale settings (la_admin; If-Match required)' })
  @ApiHeader({
    name: 'If-Match',
    required: true,
    example: '"1"',
    description: "The resource's ETag",
  })
  @ApiOkResponse({ type: LocalAuthorityResponse })
  async settings(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateLocalAuthoritySettingsDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const la = await this.service.updateSettings(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(la.version));
    return la;
  }
}
