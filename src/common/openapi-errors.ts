import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** RFC 9457 problem details, as every error of Tandem is sent (problem.filter.ts). */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details. `code` is stable and machine-readable; `errors` names each ' +
    'field a 400 or 422 refused. Further members may be added (clients ignore unknown ones).',
  required: ['type', 'title', 'status', 'code'],
  additionalProperties: true,
  properties: {
    type: { type: 'string', example: 'https://tandem.example/problems/validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', example: 'name is required' },
    instance: { type: 'string', example: '/api/v1/families' },
    code: { type: 'string', example: 'validation_failed' },
    requestId: { type: 'string', example: '0f7d3c1e-5a4b-4f6e-9d2c-8b1a0e3f4c5d' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', example: 'name' },
          message: { type: 'string', example: 'name is required' },
        },
      },
    },
  },
};

const WHEN: Record<string, string> = {
  '400': 'Bad request: a malformed parameter, query or body (`errors` names each field)',
  '401': 'No valid token',
  '403': 'The caller’s role or scope does not allow this',
  '404': 'Not found, or a record the caller may not read',
  '405': 'Method not allowed on this path (`Allow` lists those that are)',
  '409': 'Conflict with the record’s current state (or the same Idempotency-Key in flight)',
  '412': 'If-Match does not name the current version',
  '413': 'The body is too large',
  '415': 'Unsupported media type',
  '422': 'Refused by a rule of the record’s history (`code` names the rule)',
  '428': 'If-Match is required',
  '429': 'Too many requests (`Retry-After` says when to retry)',
  '431': 'The request headers (with the URL) are larger than 16 KiB',
  '503': 'The database is unavailable or the request took too long (`Retry-After`)',
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The error answers every route can give, declared on every operation with the Problem schema
 * (`application/problem+json`), so a typed client's error branch is not `never`:
 * - every route: 400 (a malformed parameter or query), 413 and 415 (any request may carry a
 *   body), 429, 431 (headers too large), 503;
 * - authenticated routes: 401, 403 and 404 (a route the caller's role does not reach is a 404
 *   to a partner or a family member, for whom nothing else exists; a record named by the path,
 *   the body or an `…Id` query may not exist or not be readable);
 * - writes: 409 and 422;
 * - routes with an `If-Match` header: 412 and 428.
 * A route that can answer something else declares it with `@ApiResponse({ status })` (its
 * description is kept; the Problem body is added). Any declared error without a body gets it.
 */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...doc.components.schemas, Problem: PROBLEM_SCHEMA };
  const problem = {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
  };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const params = (op.parameters ?? []) as ParameterObject[];
      // Any request may carry a body: too large is 413, a media type Tandem does not read 415.
      // Headers too large for the server are a 431 before any route (src/common/client-error.ts).
      const statuses = ['400', '413', '415', '429', '431', '503'];
      if (op.security?.length !== 0) statuses.push('401', '403', '404');
      if (WRITES.has(method)) statuses.push('409', '422');
      if (params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match'))
        statuses.push('412', '428');
      const responses = op.responses as Record<string, ResponseObject>;
      for (const s of statuses) responses[s] ??= { description: WHEN[s] ?? 'Error' };
      for (const [s, r] of Object.entries(responses)) {
        if (Number(s) < 400 || '$ref' in r) continue;
        if (!r.description) r.description = WHEN[s] ?? 'Error';
        // Every error can come as problem JSON (a route's own error body is kept beside it).
        r.content = { ...problem, ...r.content };
      }
      op.responses = Object.fromEntries(
        Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
  return doc;
}
