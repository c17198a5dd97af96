import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_KEY_LENGTH } from './idempotency.interceptor';

/** Documents the Idempotency-Key header (and its 409/422 answers) on every authenticated POST,
 * since the interceptor that honours it is global rather than declared per route. */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const op = item.post;
    if (!op?.security?.length) continue; // public POSTs (login, token) ignore the header
    op.parameters = [
      ...(op.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes a retry safe: the first final answer (< 500) to this caller and key is replayed ' +
          'with `Idempotent-Replayed: true` for 24 h (IDEMPOTENCY_RETENTION_HOURS). The same key ' +
          'with a different request is a 422; while the first is still running, a 409.',
        schema: {
          type: 'string',
          maxLength: MAX_KEY_LENGTH,
          example: 'b3b1c9e4-2f0e-4d5c-9a51-0d2f6c1e7a90',
        },
      },
    ];
    op.responses = {
      ...op.responses,
      '409': op.responses['409'] ?? {
        description: 'Conflict (or the same Idempotency-Key in flight)',
      },
      '422': op.responses['422'] ?? {
        description: 'Idempotency-Key reused for a different request',
      },
    };
  }
  return document;
}
