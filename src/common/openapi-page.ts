import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * A collection's 200: `{ data: T[], nextCursor }` (every list route answers this envelope, see
 * pagination.ts). Use it instead of `@ApiOkResponse({ type: T, isArray: true })`, which would
 * declare a bare array.
 */
export function ApiPageResponse(type: Type<unknown>, description?: string) {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      ...(description ? { description } : {}),
      schema: {
        type: 'object',
        required: ['data', 'nextCursor'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(type) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as `cursor` for the next page; null on the last page',
          },
        },
      },
    }),
  );
}
