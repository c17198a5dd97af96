import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SCOPE_PERMISSIONS } from 'src/access/permissions';
import { SCOPES } from 'src/access/roles';
import type { RoutePermission } from 'src/access/route-permissions';

/** What each OAuth2 scope lets an API client do (shown in the oauth2 security scheme). */
export const SCOPE_DESCRIPTIONS: Record<(typeof SCOPES)[number], string> = {
  'families:read': 'Read families and their members',
  'families:write': 'Create and update families',
  'cases:read': 'Read cases, decisions and timescales',
  'cases:write': 'Open cases and add notes',
  'export:read': 'Statutory exports (CIN census, Ofsted Annex A)',
  'events:read': 'The event pull feed (GET /events)',
  'evaluation:read': 'The pseudonymised evaluation extract (POST /evaluation/extracts)',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type Schema = SchemaObject | ReferenceObject;
const isRef = (s: unknown): s is ReferenceObject =>
  !!s && typeof s === 'object' && '$ref' in (s as object);

/**
 * Post-processing of the document @nestjs/swagger generates so that it is a contract standard
 * tools accept (Spectral `spectral:oas`, Redocly `recommended`, openapi-typescript), generic so
 * that every new route gets it without per-DTO decorations:
 * - `servers`, the `oauth2` client-credentials scheme beside `bearer`, and per-operation
 *   `security` from the route's declared permission (public routes `[]`; the OAuth2 scopes
 *   listed are those that grant the permission);
 * - path parameters a handler reads without declaring them;
 * - `string | null` properties, which TypeScript reflects as `Object`, typed from their example;
 *   arrays of enums whose items lost their type;
 * - a whole request-body example assembled from the property examples, so every request
 *   documents a body that Tandem accepts (a test posts each one).
 */
export function finishContract(doc: OpenAPIObject, routes: RoutePermission[]): OpenAPIObject {
  // Relative: the document describes the server that serves it (a deployment behind any host).
  doc.servers = [{ url: '/', description: 'The server serving this document' }];
  doc.components = doc.components ?? {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A user token from POST /api/v1/auth/login or a client token from /auth/token',
    },
    oauth2: {
      type: 'oauth2',
      description:
        'OAuth2 client credentials (RFC 6749 §4.4) for API clients: client_id and client_secret ' +
        'by HTTP Basic or in the body; `scope` may narrow the granted scopes.',
      flows: {
        clientCredentials: { tokenUrl: '/api/v1/auth/token', scopes: { ...SCOPE_DESCRIPTIONS } },
      },
    },
  };
  doc.security = [{ bearer: [] }];
  const permissionOf = new Map(
    routes.map((r) => [`${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`, r]),
  );
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      op.tags?.forEach((t) => tags.add(t));
      const permission = permissionOf.get(`${method} ${path}`)?.permission;
      op.security = securityFor(permission ?? null);
      addMissingPathParams(path, op);
    }
  }
  doc.tags = [...tags]
    .sort()
    .map((name) => ({ name, ...(doc.tags ?? []).find((t) => t.name === name) }));
  const schemas = (doc.components.schemas ?? {}) as Record<string, Schema>;
  for (const s of Object.values(schemas)) repairSchema(s);
  for (const item of Object.values(doc.paths))
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      const media = op?.requestBody && !isRef(op.requestBody) ? op.requestBody.content : undefined;
      for (const [type, m] of Object.entries(media ?? {})) {
        // A multipart upload's file part has no JSON example: leave the body example out.
        if (type.startsWith('multipart/')) continue;
        if (m.example !== undefined || m.examples || !m.schema) continue;
        const example = exampleOf(m.schema, schemas, 0);
        if (example !== undefined) m.example = example;
      }
    }
  return doc;
}

function securityFor(permission: string | null): Record<string, string[]>[] {
  if (permission === 'public') return [];
  if (permission === 'authenticated') return [{ bearer: [] }, { oauth2: [] }];
  const scopes = SCOPES.filter((s) =>
    (SCOPE_PERMISSIONS[s] as readonly string[]).includes(permission ?? ''),
  );
  return scopes.length ? [{ bearer: [] }, { oauth2: [...scopes] }] : [{ bearer: [] }];
}

function addMissingPathParams(path: string, op: OperationObject) {
  const declared = new Set(
    (op.parameters ?? [])
      .filter((p): p is ParameterObject => !isRef(p) && p.in === 'path')
      .map((p) => p.name),
  );
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (declared.has(name)) continue;
    op.parameters = [
      ...(op.parameters ?? []),
      { name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ];
  }
}

function scalarType(v: unknown): SchemaObject['type'] | null {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return null;
}

function repairSchema(s: Schema) {
  if (isRef(s)) return;
  const bare = !s.properties && !s.allOf && !s.oneOf && !s.anyOf && !s.additionalProperties;
  if (s.type === 'object' && bare) {
    // A `format` (uuid, date, date-time) is a string's; else the example's or enum's type.
    const t = s.format ? 'string' : (scalarType(s.example) ?? scalarType(s.enum?.[0]));
    if (t) s.type = t;
  }
  if (s.type === 'array' && s.items && !isRef(s.items)) {
    const items = s.items;
    if (items.type === 'array' && !items.items) {
      const first = Array.isArray(s.example) ? s.example[0] : items.enum?.[0];
      items.type = scalarType(first) ?? 'string';
    }
    repairSchema(items);
  }
  for (const p of Object.values(s.properties ?? {})) repairSchema(p);
  for (const p of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) repairSchema(p);
}

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  date: '2025-10-01',
  'date-time': '2025-10-01T09:30:00.000Z',
};

/** A value for a schema from its (and its properties') examples; undefined when none is known. */
function exampleOf(
  s: Schema,
  schemas: Record<string, Schema>,
  depth: number,
  required = true,
): unknown {
  if (depth > 8) return undefined;
  if (isRef(s)) {
    const target = schemas[s.$ref.replace('#/components/schemas/', '')];
    return target ? exampleOf(target, schemas, depth + 1, required) : undefined;
  }
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.allOf?.length === 1) return exampleOf(s.allOf[0], schemas, depth + 1, required);
  // Optional fields without an example stay out (some exclude each other, e.g. childId/childIndex).
  if (required && s.type === 'string' && s.format && s.format in FORMAT_EXAMPLES)
    return FORMAT_EXAMPLES[s.format];
  if (s.type === 'array' && s.items) {
    const item = exampleOf(s.items, schemas, depth + 1, required);
    return item === undefined ? [] : [item];
  }
  if (s.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(s.properties)) {
      const v = exampleOf(p, schemas, depth + 1, !!s.required?.includes(name));
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  return undefined;
}
