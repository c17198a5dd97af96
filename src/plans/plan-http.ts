import type { FastifyReply } from 'fastify';
import { etagFor } from 'src/common/etag';

export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: true,
  example: '"3"',
  description: "The resource's ETag",
};

/** Sets `ETag` from the body's `version` and returns the body. */
export function withEtag<T extends { version: number }>(res: FastifyReply, body: T): T {
  res.header('ETag', etagFor(body.version));
  return body;
}
