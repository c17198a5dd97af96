import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newLa,
  newUser,
  newWorld,
  PASSWORD,
  platformAdminToken,
  World,
} from './utils/factories';
import { closeDb, db, seedCase } from './utils/cp.factories';

/** The lower findings (4b–4f) of the red-team pass; 4a (dates) is extreme-dates.e2e-spec.ts. */
describe('lower findings of the red-team pass', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  describe('finding 4b: __proto__, constructor and prototype keys → 400 anywhere in a body', () => {
    const familyCount = async () =>
      Number(
        (
          await (
            await db(t)
          ).query(`SELECT count(*) AS n FROM family WHERE local_authority_id = $1`, [w.la.id])
        ).rows[0].n,
      );

    it.each(
      ['__proto__', 'constructor', 'prototype'].flatMap((k) => [
        [k, `{"${k}":{"isAdmin":true},"members":[]}`, k],
        [
          k,
          `{"name":"X","members":[{"firstName":"A","lastName":"B","kind":"child","${k}":{"x":1}}]}`,
          `members.0.${k}`,
        ],
        [
          k,
          `{"name":"X","members":[],"extra":{"deep":{"${k}":{"polluted":"yes"}}}}`,
          `extra.deep.${k}`,
        ],
      ]),
    )('%s in %s → 400 prototype_key naming %s; nothing written', async (_k, raw, field) => {
      const before = await familyCount();
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('prototype_key');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
      expect(await familyCount()).toBe(before);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('is refused before any guard: anonymous, and on sign-in', async () => {
      const anon = await t
        .req()
        .post(`${API}/cases`)
        .set('Content-Type', 'application/json')
        .send('{"__proto__":{"x":1}}');
      expect(anon.status).toBe(400);
      expect(anon.body.code).toBe('prototype_key');
      const signIn = await t
        .req()
        .post(`${API}/auth/login`)
        .set('Content-Type', 'application/json')
        .send(`{"email":"${w.practitioner.email}","password":"${PASSWORD}","constructor":{}}`);
      expect(signIn.status).toBe(400);
      expect(signIn.body.code).toBe('prototype_key');
      // Form bodies (only /auth/token takes them) go through qs, which already drops keys
      // found on Object.prototype: nothing to refuse there.
    });

    it('leaves ordinary keys that merely contain the words alone', async () => {
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({
          name: 'Prototype Constructor family',
          members: [{ firstName: 'Constructor', lastName: 'Prototype', kind: 'child' }],
        });
      expect(res.status).toBe(201);
    });
  });

  describe('finding 4c: cursors are bound to the endpoint and filter they came from', () => {
    let casesCursor: string;
    beforeAll(async () => {
      await seedCase(t, w);
      await seedCase(t, w);
      const page = await t
        .req()
        .get(`${API}/cases?limit=1&stage=family_help`)
        .set(bearer(w.practitioner.token));
      expect(page.status).toBe(200);
      casesCursor = page.body.nextCursor as string;
      expect(casesCursor).toEqual(expect.any(String));
    });

    it('the same endpoint and filter with another page size accepts it', async () => {
      const res = await t
        .req()
        .get(`${API}/cases?stage=family_help&limit=5&cursor=${encodeURIComponent(casesCursor)}`)
        .set(bearer(w.practitioner.token));
      expect(res.status).toBe(200);
    });

    it.each<[string, (c: string) => string, 'practitioner' | 'laAdmin' | 'auditor']>([
      ['a /cases cursor on /users', (c) => `/users?cursor=${c}`, 'laAdmin'],
      ['a /cases cursor on /audit-events', (c) => `/audit-events?cursor=${c}`, 'auditor'],
      [
        'a /cases cursor with another filter',
        (c) => `/cases?stage=closed&cursor=${c}`,
        'practitioner',
      ],
      ['a /cases cursor without its filter', (c) => `/cases?cursor=${c}`, 'practitioner'],
    ])('%s → 400 naming cursor', async (_what, url, who) => {
      const res = await t
        .req()
        .get(`${API}${url(encodeURIComponent(casesCursor))}`)
        .set(bearer(w[who].token));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'cursor', message: 'cursor is not valid' }]);
    });
  });

  describe('finding 4d: form-encoded bodies are accepted only on /auth/token', () => {
    it.each<[string, string, () => string | undefined]>([
      ['/auth/login', `email=a%40b.example&password=x`, () => undefined],
      ['/families', 'name=X', () => w.practitioner.token],
      ['/users', 'email=a%40b.example', () => w.laAdmin.token],
    ])('POST %s with a form body → 415', async (path, body, token) => {
      const r = t.req().post(`${API}${path}`).type('form');
      const tok = token();
      const res = await (tok ? r.set(bearer(tok)) : r).send(body);
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('unsupported_media_type');
    });

    it('POST /auth/token still takes a form body (RFC 6749 §4.4.2)', async () => {
      const res = await t
        .req()
        .post(`${API}/auth/token`)
        .type('form')
        .send('grant_type=client_credentials&client_id=unknown&client_secret=nope');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_client');
    });
  });

  describe("finding 4f: creating a user with another LA's email does not confirm it exists there", () => {
    it('the LA admin gets the same answer as for an email of its own LA; only the platform admin can tell', async () => {
      const other = await newLa(t);
      const elsewhere = await newUser(t, other.id, ['family_help_practitioner']);
      const mine = await newUser(t, w.la.id, ['family_help_practitioner']);
      const create = (token: string, email: string, requestId?: string) => {
        const r = t.req().post(`${API}/users`).set(bearer(token));
        if (requestId) r.set('X-Request-Id', requestId);
        return r.send({
          email,
          name: 'New Person',
          password: PASSWORD,
          roles: ['family_help_practitioner'],
          localAuthorityId: w.la.id,
        });
      };
      const requestId = `clash-${randomUUID()}`;
      const cross = await create(w.laAdmin.token, elsewhere.email.toUpperCase(), requestId);
      const own = await create(w.laAdmin.token, mine.email);
      const strip = (b: Record<string, unknown>) => ({
        ...b,
        requestId: undefined,
        instance: undefined,
      });
      expect(cross.status).toBe(409);
      expect(strip(cross.body)).toEqual(strip(own.body));
      expect(cross.body.code).toBe('email_unavailable');
      expect(JSON.stringify(cross.body)).not.toMatch(/exist/i);
      expect(JSON.stringify(cross.body)).not.toContain(other.id);
      expect(JSON.stringify(cross.body)).not.toContain(elsewhere.id);

      const byPlatform = await create(await platformAdminToken(t), elsewhere.email);
      expect(byPlatform.status).toBe(409);
      expect(byPlatform.body).toMatchObject({
        code: 'email_taken',
        existingLocalAuthorityId: other.id,
      });

      let event: { metadata: Record<string, unknown>; localAuthorityId: string | null } | undefined;
      for (let i = 0; i < 40 && !event; i++) {
        const list = await t
          .req()
          .get(`${API}/security-events?action=user.email_clash&limit=200`)
          .set(bearer(await platformAdminToken(t)));
        event = list.body.data.find((e: { requestId: string }) => e.requestId === requestId);
        if (!event) await new Promise((r) => setTimeout(r, 50));
      }
      expect(event).toMatchObject({
        localAuthorityId: null,
        metadata: { requestedForLocalAuthorityId: w.la.id, existingLocalAuthorityId: other.id },
      });
    });
  });
});
