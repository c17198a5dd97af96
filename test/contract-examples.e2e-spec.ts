import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_PERMISSIONS } from 'src/access/permissions';
import { LA_ROLES, type Role } from 'src/access/roles';
import { collectRoutePermissions } from 'src/access/route-permissions';
import { API_PREFIX } from 'src/app.setup';
import { createTestApp, TestApp } from './utils/create-app';
import { bearer, newFamilyMember, newLa, newUser, platformAdminToken } from './utils/factories';

interface Op {
  method: string;
  path: string;
  example: unknown;
}

const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content?: Record<
            string,
            { example?: unknown; examples?: Record<string, { value: unknown }> }
          >;
        };
      }
    >
  >;
};

/** Every JSON request-body example the committed contract publishes. */
const ops: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) => {
    const media = op.requestBody?.content?.['application/json'];
    if (!media) return [];
    const examples = media.examples ? Object.values(media.examples).map((e) => e.value) : [];
    if (media.example !== undefined) examples.push(media.example);
    return examples.map((example) => ({ method, path, example }));
  }),
);

/**
 * Each request example in openapi.json is posted to its route by a caller whose role holds the
 * route's permission: Tandem's own validation (DTOs, NHS check digit, ...) must accept it, so the
 * answer is anything but 400 (ids in the examples do not exist, so 404/403/409 are expected).
 * The same body with an unknown field is a 400, proving that validation ran on that route.
 */
describe('contract: every request example passes Tandem validation', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let permissionOf: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const la = await newLa(t);
    for (const role of LA_ROLES)
      tokens.set(
        role,
        (await newUser(t, la.id, [role], role === 'partner' ? { agency: 'police' } : {})).token,
      );
    tokens.set('platform_admin', await platformAdminToken(t));
    tokens.set('family_member', (await newFamilyMember(t, la.id)).token);
    permissionOf = new Map(
      collectRoutePermissions(t.app, API_PREFIX).map((r) => [
        `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
        r.permission as string,
      ]),
    );
  });
  afterAll(() => t.close());

  it('publishes request examples for the write routes', () => {
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['post /api/v1/families', 'post /api/v1/cases']),
    );
  });

  function send(op: Op, body: unknown) {
    const permission = permissionOf.get(`${op.method} ${op.path}`);
    const role = (Object.keys(ROLE_PERMISSIONS) as Role[]).find((r) =>
      (ROLE_PERMISSIONS[r] as readonly string[]).includes(permission ?? ''),
    );
    const url = op.path.replace(/\{\w+\}/g, () => randomUUID());
    const req = t.req()[op.method as 'post' | 'patch' | 'put'](url).set('If-Match', '"1"');
    if (role) req.set(bearer(tokens.get(role) as string));
    return req.send(body as object);
  }

  it.each(ops.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s accepts its example',
    async (_name, op) => {
      const res = await send(op, op.example);
      // A 400 only for referenced records that do not exist ("no such family in your local
      // authority"): the example's ids cannot exist; its shape and values were accepted.
      const refused = (res.body.errors ?? []) as { message: string }[];
      const onlyMissingReferences =
        refused.length > 0 && refused.every((e) => e.message.startsWith('no such'));
      expect(res.status === 400 && !onlyMissingReferences ? res.body : 'accepted').toBe('accepted');
      expect(res.status).toBeLessThan(500);
      const bad = await send(op, { ...(op.example as object), unknownFieldForTest: 1 });
      expect(bad.status).toBe(400);
    },
  );
});
