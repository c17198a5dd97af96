/**
 * The OpenAPI side of the fuzz (test/fuzz.e2e-spec.ts): operations read from the served
 * document, and "a real id of this kind" (`PoolRef`), resolved against live pools when sent so
 * that a seed reproduces the same request shapes.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string; // OpenAPI template, e.g. /api/v1/cases/{id}
  pathParams: string[];
  query: Parameter[];
  body: Schema | null;
}

/** "A real id from pool `pool`" (index taken modulo the pool size when sent). */
export class PoolRef {
  constructor(
    readonly pool: string,
    readonly index: number,
  ) {}
}

export interface AbstractRequest {
  op: Operation;
  mutation: string;
  path: Record<string, string | PoolRef>;
  query: [string, string | PoolRef][];
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  actor: number; // index into the granted actors (modulo), or -1 none, -2 a refused role
}

const ID_POOLS: Record<string, string> = {
  family: 'families',
  team: 'teams',
  case: 'cases',
  user: 'users',
  leadPractitioner: 'users',
  ownerUser: 'users',
  child: 'persons',
  person: 'persons',
  member: 'persons',
  networkMember: 'network',
  decision: 'decisions',
  supersedes: 'decisions',
  request: 'decision-requests',
  localAuthority: 'local-authorities',
  plan: 'plans',
  run: 'runs',
  concern: 'concerns',
};
const SEGMENT_POOLS: Record<string, string> = {
  children: 'persons',
  'co-workers': 'users',
  members: 'users',
  network: 'network',
};

/** Which pool a path parameter draws from: the segment before it (`/cases/{id}` → cases). */
export function poolForPath(path: string, param: string): string {
  const segs = path.split('/');
  const i = segs.indexOf(`{${param}}`);
  const prev = i > 0 ? segs[i - 1] : '';
  return SEGMENT_POOLS[prev] ?? prev;
}

/** Which pool a body or query field named like an id draws from (`familyId` → families). */
export function poolForField(name: string): string | null {
  const m = /^(.*?)(Id|Ids)$/.exec(name);
  if (!m) return null;
  return ID_POOLS[m[1]] ?? `${m[1]}s`;
}

export function resolveRef(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 20; i++) {
    const name = cur.$ref.split('/').pop() as string;
    cur = doc.components?.schemas?.[name] ?? {};
  }
  if (cur.allOf) {
    const parts = cur.allOf.map((p) => resolveRef(doc, p));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return cur;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}
interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, o] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams,
        query: (o.parameters ?? []).filter((p) => p.in === 'query'),
        body: o.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

/** A stable 32-bit hash of a string (seeds per operation, so adding routes shifts nothing). */
export function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
