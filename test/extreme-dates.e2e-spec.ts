import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from 'src/access/actor';
import { isGranted, Permission } from 'src/access/permissions';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, platformAdminToken, World, newUser } from './utils/factories';
import { OpenApiDoc, Operation, operationsOf, resolveRef, Schema } from './utils/fuzz.openapi';

/**
 * Finding 4a: `GET /families?search=0000-01-01` was a 500 (`date/time field value out of
 * range`). Every date input (found by name in the served OpenAPI document, so new ones are
 * covered) gets extreme and impossible dates and must answer 400 naming the field.
 */
const DATES = [
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '9999-12-31',
  '275760-09-13',
  '2026-02-30',
];
const TIMESTAMPS = [
  '0000-01-01T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '2026-02-30T00:00:00Z',
];
const SEARCHES = [
  '0000-01-01',
  '01/01/0000',
  '31/12/9999',
  '9999-12-31',
  '1899-12-31',
  '30/02/2026',
];

const DATE_FIELD = /(^date$|Date$|^dateOf|At$|On$|^from$|^to$|^asOf$)/;
const RESPONSE_FIELDS = /^(createdAt|updatedAt|assignedAt|endedAt)$/;

interface Target {
  op: Operation;
  where: 'body' | 'query';
  field: string;
  /** Builds the request body (or query value) holding `v` at the field. */
  build: (v: string) => unknown;
}

/** Date fields of a request body schema, with a body that sets only that field. */
function bodyTargets(doc: OpenApiDoc, op: Operation): Target[] {
  const out: Target[] = [];
  const walk = (s: Schema | undefined, wrap: (inner: unknown) => unknown, depth: number) => {
    const schema = resolveRef(doc, s);
    if (depth > 4 || !schema.properties) return;
    for (const [name, raw] of Object.entries(schema.properties)) {
      const prop = resolveRef(doc, raw);
      if (DATE_FIELD.test(name) && !RESPONSE_FIELDS.test(name) && prop.type === 'string') {
        out.push({ op, where: 'body', field: name, build: (v) => wrap({ [name]: v }) });
      } else if (prop.type === 'array' && prop.items) {
        walk(prop.items, (inner) => wrap({ [name]: [inner] }), depth + 1);
      } else if (prop.properties || raw.$ref) {
        walk(prop, (inner) => wrap({ [name]: inner }), depth + 1);
      }
    }
  };
  walk(op.body ?? undefined, (inner) => inner, 0);
  return out;
}

describe('finding 4a: every date input is validated to a real calendar range (extreme dates → 400, never 500)', () => {
  let t: TestApp;
  let w: World;
  let doc: OpenApiDoc;
  let actors: { token: string; actor: Pick<Actor, 'kind' | 'roles' | 'scopes'> }[];
  const perms = new Map<string, Permission>(
    (
      JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'route-permissions.json'), 'utf8')) as {
        method: string;
        path: string;
        permission: Permission;
      }[]
    ).map((r) => [`${r.method} ${r.path}`, r.permission]),
  );

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    doc = (await t.req().get('/openapi.json')).body as OpenApiDoc;
    const chair = await newUser(t, w.la.id, ['conference_chair']);
    const users = [
      w.laAdmin,
      w.practitioner,
      w.manager,
      w.ecpp,
      w.cpManager,
      w.auditor,
      w.trainer,
      chair,
    ];
    actors = [
      ...users.map((u) => ({
        token: u.token,
        actor: { kind: 'user' as const, roles: u.roles, scopes: [] },
      })),
      {
        token: await platformAdminToken(t),
        actor: { kind: 'user' as const, roles: ['platform_admin' as const], scopes: [] },
      },
    ];
  });
  afterAll(() => t.close());

  function targets(): Target[] {
    const out: Target[] = [];
    for (const op of operationsOf(doc)) {
      if (!op.path.startsWith(API)) continue;
      out.push(...bodyTargets(doc, op));
      for (const q of op.query) {
        if (DATE_FIELD.test(q.name) || (q.name === 'search' && op.path === `${API}/families`)) {
          out.push({ op, where: 'query', field: q.name, build: (v) => v });
        }
      }
    }
    return out;
  }

  async function send(target: Target, value: string) {
    const { op } = target;
    const perm =
      perms.get(`${op.method} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}`) ?? 'authenticated';
    const who = actors.find((a) => isGranted(a.actor as Actor, perm));
    const path = op.path.replace(/\{[^}]+\}/g, () => randomUUID());
    const method = op.method.toLowerCase() as 'get' | 'post' | 'patch';
    const url =
      target.where === 'query' ? `${path}?${target.field}=${encodeURIComponent(value)}` : path;
    const agent = t.req();
    let r = agent[method](url);
    if (who) r = r.set(bearer(who.token));
    if (op.method === 'PATCH') r = r.set('If-Match', '"1"');
    return target.where === 'body' ? r.send(target.build(value) as object) : r;
  }

  it('finds the date inputs (the table is not empty and holds the known ones)', () => {
    const names = targets().map((x) => `${x.op.method} ${x.op.path} ${x.where}:${x.field}`);
    for (const known of [
      `GET ${API}/families query:search`,
      `GET ${API}/families query:dateOfBirth`,
      `POST ${API}/families body:dateOfBirth`,
      `POST ${API}/cases body:date`,
      `POST ${API}/cases/{id}/decisions body:effectiveDate`,
      `GET ${API}/audit-events query:from`,
      `GET ${API}/cases/{id}/timescales query:asOf`,
    ]) {
      expect(names).toContain(known);
    }
    expect(names.length).toBeGreaterThan(20);
  });

  it('GET /families?search=0000-01-01 → 400 naming search (was a 500)', async () => {
    const res = await t
      .req()
      .get(`${API}/families?search=0000-01-01`)
      .set(bearer(w.practitioner.token));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'search', message: expect.any(String) }]);
  });

  it('sends extreme dates to every date field: 400 naming the field, never a 5xx', async () => {
    const failures: string[] = [];
    for (const target of targets()) {
      const values =
        target.field === 'search'
          ? SEARCHES
          : /At$|^from$|^to$/.test(target.field)
            ? TIMESTAMPS
            : DATES;
      for (const v of values) {
        const res = await send(target, v);
        const named = ((res.body?.errors ?? []) as { field: string }[]).some((e) =>
          e.field.split('.').includes(target.field),
        );
        if (res.status !== 400 || !named) {
          failures.push(
            `${target.op.method} ${target.op.path} ${target.where}:${target.field}=${v} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
