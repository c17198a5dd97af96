/**
 * The contract check: every response the in-process test app sends (createTestApp) is checked
 * against `openapi.json` — its operation (method and route), its status, its media type and its
 * body (ajv, with formats; a property the schema does not declare is a mismatch). A mismatch fails the test that made the request (test/contract-setup.ts
 * throws after each test), naming the route, the status and the field, so a new route that
 * answers what it does not declare fails the suite until its decorators tell the truth.
 *
 * Set TANDEM_CONTRACT_REPORT=<file> to append mismatches to that file (one JSON line each)
 * instead of failing: a survey of a whole run. TANDEM_CONTRACT_CHECK=off turns the check off.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
interface Media {
  schema?: Json;
}
interface ResponseObject {
  content?: Record<string, Media>;
}
interface Operation {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}

const DOC_ID = 'openapi.json';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

let doc: { paths: Record<string, Record<string, Operation>>; components?: Json } | null = null;
let ajv: Ajv | null = null;
const validators = new Map<string, ValidateFunction>();
let pending: string[] = [];
let suspended = 0;

/** OpenAPI 3.0 schema → JSON Schema (draft 7) for ajv: `nullable`, refs made absolute, objects
 * closed to undeclared properties. */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const src = s as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'example' || k === 'examples' || k === 'nullable' || k === 'xml') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = DOC_ID + v;
    else if (k === 'properties' || k === 'patternProperties')
      out[k] = Object.fromEntries(
        Object.entries(v as Json).map(([name, p]) => [name, toJsonSchema(p)]),
      );
    else out[k] = toJsonSchema(v);
  }
  // A property the schema does not declare is a mismatch too: a typed client cannot see it.
  // (A schema that allows more says so: `additionalProperties: true`, as Problem does.)
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  if (src.nullable === true) {
    if (out.allOf || out.$ref || out.oneOf || out.anyOf) {
      delete out.type;
      return { anyOf: [out, { type: 'null' }] };
    }
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function load() {
  if (doc) return;
  doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(
    { $id: DOC_ID, components: { schemas: toJsonSchema(doc!.components?.schemas ?? {}) } },
    DOC_ID,
  );
}

const mediaType = (v: unknown) =>
  String(Array.isArray(v) ? v[0] : (v ?? ''))
    .split(';')[0]
    .trim()
    .toLowerCase();

function describe(e: ErrorObject): string {
  const at = e.instancePath || '(body)';
  if (e.keyword === 'additionalProperties')
    return `${at}: property "${(e.params as { additionalProperty: string }).additionalProperty}" is not declared`;
  if (e.keyword === 'required')
    return `${at}: required property "${(e.params as { missingProperty: string }).missingProperty}" is missing`;
  return `${at} ${e.message ?? e.keyword}`;
}

/** The mismatches of one response (empty when it matches its operation's declaration). */
export function checkResponse(r: {
  method: string;
  route: string | undefined;
  url: string;
  status: number;
  contentType: unknown;
  body: string | null;
}): string[] {
  load();
  const method = r.method.toLowerCase();
  if (!METHODS.has(method) || !r.route) return [];
  const path = r.route.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
  const item = doc!.paths[path];
  if (!item) return []; // not an API route (Swagger UI, /openapi.json)
  const op = item[method];
  const where = `${r.method.toUpperCase()} ${path} → ${r.status} (${op?.operationId ?? 'no operation'}; request ${r.method.toUpperCase()} ${r.url})`;
  if (!op) return [`${where}: the method is not declared for this path`];
  const status = String(r.status);
  const res = op.responses?.[status] ?? op.responses?.[`${status[0]}XX`] ?? op.responses?.default;
  if (!res) {
    const declared = Object.keys(op.responses ?? {}).join(', ');
    return [`${where}: status ${status} is not declared (declared: ${declared})`];
  }
  const hasBody = r.body !== null && r.body.length > 0;
  if (!res.content) {
    return hasBody ? [`${where}: a body was sent but the response declares no content`] : [];
  }
  if (!hasBody) return [];
  const type = mediaType(r.contentType);
  const media = res.content[type] ?? res.content['*/*'];
  if (!media) {
    const declared = Object.keys(res.content).join(', ');
    return [`${where}: media type ${type || '(none)'} is not declared (declared: ${declared})`];
  }
  if (!media.schema || !/[/+]json$/.test(type)) return [];
  const key = `${method} ${path} ${status} ${type}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv!.compile(toJsonSchema(media.schema) as Json);
    validators.set(key, validate);
  }
  let body: unknown;
  try {
    body = JSON.parse(r.body!);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${where}: ${describe(e)}`);
}

/** Adds the check to a Fastify instance (before it is ready). */
export function recordResponses(fastify: FastifyInstance): void {
  if (process.env.TANDEM_CONTRACT_CHECK === 'off') return;
  fastify.addHook(
    'onSend',
    (
      req: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (e: null, p: unknown) => void,
    ) => {
      if (!suspended) {
        try {
          // A stream (a download) is checked for its status and media type only.
          const body =
            typeof payload === 'string'
              ? payload
              : Buffer.isBuffer(payload)
                ? payload.toString('utf8')
                : null;
          const found = checkResponse({
            method: req.method,
            route: req.routeOptions?.url,
            url: req.url,
            status: reply.statusCode,
            contentType: reply.getHeader('content-type'),
            body,
          });
          if (found.length) report(found);
        } catch (err) {
          report([`contract check failed on ${req.method} ${req.url}: ${String(err)}`]);
        }
      }
      done(null, payload);
    },
  );
}

function report(found: string[]) {
  const file = process.env.TANDEM_CONTRACT_REPORT;
  if (file) {
    const test = expect.getState().currentTestName ?? '(hook)';
    const spec = expect.getState().testPath ?? '';
    appendFileSync(
      file,
      found.map((m) => JSON.stringify({ spec: spec.split('/').pop(), test, m })).join('\n') + '\n',
    );
  } else pending.push(...found);
}

/** The mismatches recorded since the last call (test/contract-setup.ts fails the test on them). */
export function takeMismatches(): string[] {
  const out = pending;
  pending = [];
  return out;
}

/** Runs `fn` without the check: for a test that deliberately breaks the server (a response that
 * no client can be promised), never for ordinary error answers. */
export async function withoutContractCheck<T>(fn: () => Promise<T>): Promise<T> {
  suspended++;
  try {
    return await fn();
  } finally {
    suspended--;
  }
}
