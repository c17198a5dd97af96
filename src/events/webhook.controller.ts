import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
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
  CreatedWebhookResponse,
  CreateWebhookDto,
  DeliveryListResponse,
  RotatedWebhookSecretResponse,
  UpdateWebhookDto,
  WebhookListResponse,
  WebhookResponse,
} from './dto/webhook.dto';
import { WebhookService } from './webhook.service';

@ApiTags('events')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @Can('webhook.manage')
  @ApiOperation({
    summary: 'Subscribe an endpoint to events; the signing secret (whsec_…) is shown once',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @Can('webhook.manage')
  @ApiOperation({ summary: "The local authority's webhook subscriptions" })
  @ApiOkResponse({ type: WebhookListResponse })
  list(@CurrentActor() actor: Actor, @Query() q: PageQueryDto) {
    return this.webhooks.list(actor, q);
  }

  @Patch(':id')
  @Can('webhook.manage')
  @ApiOperation({ summary: 'Pause, resume or change the events of a subscription; If-Match' })
  @ApiHeader({
    name: 'If-Match',
    required: true,
    example: '"1"',
    description: "The resource's ETag",
  })
  @ApiOkResponse({ type: WebhookResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateWebhookDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const w = await this.webhooks.update(actor, id, requireIfMatch(ifMatch), dto);
    res.header('ETag', etagFor(w.version));
    return w;
  }

  @Post(':id/rotate-secret')
  @Can('webhook.manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new signing secret (shown once); the former one also signs for 24 h',
    description:
      'Each delivery then carries two signatures in `webhook-signature` (space-delimited, ' +
      'Standard Webhooks): one under the new secret, one under the former, until ' +
      '`previousSecretValidUntil`. Switch the receiver to the new secret within that window.',
  })
  @ApiOkResponse({ type: RotatedWebhookSecretResponse })
  rotateSecret(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.webhooks.rotateSecret(actor, id);
  }

  @Delete(':id')
  @Can('webhook.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a subscription (kept for the record; nothing more is sent)' })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    await this.webhooks.remove(actor, id);
  }

  @Get(':id/deliveries')
  @Can('webhook.manage')
  @ApiOperation({ summary: 'The delivery log of a subscription, newest first, with attempts' })
  @ApiOkResponse({ type: DeliveryListResponse })
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() q: PageQueryDto,
  ) {
    return this.webhooks.deliveries(actor, id, q);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @Can('webhook.manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (same webhook-id)' })
  @ApiAcceptedResponse({
    description: 'Queued for the next dispatcher pass',
    schema: {
      type: 'object',
      required: ['id', 'status'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        status: { type: 'string', enum: ['pending'] },
      },
    },
  })
  retry(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('deliveryId', UuidPipe) deliveryId: string,
  ) {
    return this.webhooks.retry(actor, id, deliveryId);
  }
}
