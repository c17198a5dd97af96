import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** At most this many ids per lookup (one screen's worth). */
export const MAX_LOOKUP_IDS = 100;

export class PeopleLookupQueryDto {
  @ApiProperty({
    type: String,
    example: '8e4a1c2b-6d3f-4b7a-9c05-1f2e3d4c5b6a,4b7a9c05-1f2e-4d3c-8b6a-8e4a1c2b6d3f',
    description: `Comma-separated ids of users or API clients (1–${MAX_LOOKUP_IDS}), e.g. the actorId, raisedById, requestedById… a list carried`,
  })
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
      .map((v) => (typeof v === 'string' ? v.trim() : v))
      .filter((v) => v !== ''),
  )
  @IsArray()
  @ArrayMinSize(1, { message: 'ids must name at least one id' })
  @ArrayMaxSize(MAX_LOOKUP_IDS, { message: `ids must name at most ${MAX_LOOKUP_IDS} ids` })
  @IsUUID('all', { each: true, message: 'ids must be comma-separated UUIDs' })
  ids: string[];
}

export class PersonLookupResponse {
  @ApiProperty({ format: 'uuid', example: '8e4a1c2b-6d3f-4b7a-9c05-1f2e3d4c5b6a' })
  id: string;

  @ApiProperty({ example: 'Jo Practitioner' })
  name: string;

  @ApiProperty({
    enum: ['user', 'client'],
    description: 'A member of staff (user) or an API client (a system acting on its own)',
  })
  kind: 'user' | 'client';
}
