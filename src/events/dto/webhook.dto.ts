import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsOmittable } from 'src/common/validation';
import { PageQueryDto } from 'src/common/pagination';
import { EVENT_TYPES, type EventType } from '../event-types';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://integration.example.gov.uk/tandem/webhooks',
    description:
      'https only in production; private, loopback and link-local addresses are refused unless ' +
      'WEBHOOK_ALLOWED_HOSTS names them (development allows http and loopback)',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true, example: ['case.opened', 'plan.started'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `each event must be one of ${EVENT_TYPES.join(', ')}` })
  events: EventType[];

  @ApiPropertyOptional({ example: 'Data warehouse feed' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'description must not be blank' })
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({
    example: true,
    description: 'false pauses deliveries (they queue); true resumes and clears the failure count',
  })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true, example: ['case.opened'] })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `each event must be one of ${EVENT_TYPES.join(', ')}` })
  events?: EventType[];
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid', example: '6a1f7c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' }) id: string;
  @ApiProperty({ example: 'https://integration.example.gov.uk/tandem/webhooks' }) url: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true, example: ['case.opened'] }) events: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Data warehouse feed' })
  description: string | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Set when the dispatcher disabled the subscription after repeated failures',
  })
  disabledReason: string | null;
  @ApiProperty({ example: 0 }) consecutiveFailures: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '2025-10-01T09:30:00.000Z' }) createdAt: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The Standard Webhooks signing secret; shown once',
  })
  secret: string;
}

export class RotatedWebhookSecretResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The new signing secret; shown once',
  })
  secret: string;
  @ApiProperty({
    format: 'date-time',
    example: '2025-10-02T09:30:00.000Z',
    description: 'Until then each delivery is signed with the former secret too',
  })
  previousSecretValidUntil: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) data: WebhookResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ example: '2025-10-01T09:30:01.250Z' }) at: string;
  @ApiProperty({ type: Number, nullable: true, example: 503 }) statusCode: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
  @ApiProperty({ example: 84 }) durationMs: number;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid', example: '2c9d8e7f-6a5b-4c3d-9e8f-7a6b5c4d3e2f' }) id: string;
  @ApiProperty({ format: 'uuid', example: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' }) eventId: string;
  @ApiProperty({ enum: EVENT_TYPES, example: 'case.opened' }) eventType: string;
  @ApiProperty({ enum: ['pending', 'sending', 'delivered'], example: 'delivered' })
  status: string;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ example: '2025-10-01T09:30:00.000Z' }) nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2025-10-01T09:30:01.250Z' })
  lastAttemptAt: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-10-01T09:30:01.334Z' })
  deliveredAt: string | null;
  @ApiProperty({
    type: [DeliveryAttemptResponse],
    description: 'The latest attempts, newest first',
  })
  log: DeliveryAttemptResponse[];
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) data: DeliveryResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class WebhookPageQueryDto extends PageQueryDto {}
