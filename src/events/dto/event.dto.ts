import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from 'src/common/pagination';
import { EVENT_TYPES } from '../event-types';

export class EventFeedQueryDto {
  @ApiPropertyOptional({
    example: '1042',
    description: 'The nextCursor of the previous page (omit to start from the first event)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'after must be a cursor from this feed' })
  after?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class EventResponse {
  @ApiProperty({ format: 'uuid', example: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' }) id: string;
  @ApiProperty({ enum: EVENT_TYPES, example: 'case.stage_changed' }) type: string;
  @ApiProperty({ example: '2025-10-01T09:30:00.000Z' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', example: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' })
  localAuthorityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Ids and codes only (caseId always); never names, notes or rationales',
    example: {
      caseId: '0b6f4a3e-2c1d-4e5f-9a8b-7c6d5e4f3a2b',
      from: 'family_help',
      to: 'child_protection',
    },
  })
  data: Record<string, unknown>;
}

export class EventFeedResponse {
  @ApiProperty({ type: [EventResponse] }) data: EventResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1042',
    description: 'Poll again with after=nextCursor; an empty page means you are up to date',
  })
  nextCursor: string | null;
}
