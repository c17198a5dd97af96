import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
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
import { ApiPageResponse } from 'src/common/openapi-page';
import { etagFor, requireIfMatch } from 'src/common/etag';
import { UuidPipe } from 'src/common/uuid.pipe';
import { ApiClientService } from './api-client.service';
import {
  ApiClientChangeResponse,
  ApiClientResponse,
  CreateApiClientDto,
  CreatedApiClientResponse,
  UpdateApiClientDto,
} from './dto/api-client.dto';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api-clients')
export class ApiClientController {
  constructor(private readonly clients: ApiClientService) {}

  @Post()
  @Can('api_client.create')
  @ApiOperation({
    summary: 'Register an integrator (OAuth2 client credentials); the secret is shown once',
  })
  @ApiCreatedResponse({ type: CreatedApiClientResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiClientDto) {
    return this.clients.create(actor, dto);
  }

  @Get()
  @Can('api_client.read')
  @ApiOperation({ summary: "API clients of the caller's local authority" })
  @ApiPageResponse(ApiClientResponse)
  list(@CurrentActor() actor: Actor) {
    return this.clients.list(actor);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @Can('api_client.update')
  @ApiOperation({
    summary:
      'Rotate the secret: a new one is shown once; the old secret and every token issued before now stop working',
  })
  @ApiOkResponse({ type: CreatedApiClientResponse })
  async rotateSecret(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const c = await this.clients.rotateSecret(actor, id);
    res.header('ETag', etagFor(c.version));
    return c;
  }

  @Patch(':id')
  @Can('api_client.update')
  @ApiOperation({
    summary: 'Revoke or re-enable a client, or change its scopes; If-Match required',
  })
  @ApiHeader({
    name: 'If-Match',
    required: true,
    example: '"1"',
    description: "The resource's ETag",
  })
  @ApiOkResponse({ type: ApiClientChangeResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateApiClientDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const c = await this.clients.update(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(c.version));
    return c;
  }
}
