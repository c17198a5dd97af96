import { LA_ROLES } from 'src/access/roles';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  login,
  newLa,
  newUser,
  PASSWORD,
  platformAdminToken,
  uniqueCode,
  approvePending,
  approveAsPlatform,
} from './utils/factories';

describe('foundation: bootstrap, administration, tenancy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves /health publicly with the database up', async () => {
    const res = await t.req().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('bootstraps the platform admin from TANDEM_ADMIN_EMAIL/PASSWORD, once', async () => {
    const res = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      email: ADMIN_EMAIL,
      roles: ['platform_admin'],
      localAuthorityId: null,
    });
    expect(res.body.expiresIn).toBe(900);
  });

  it('creates a local authority (platform admin) and rejects duplicates and bad codes', async () => {
    const token = await platformAdminToken(t);
    const code = uniqueCode();
    const res = await t
      .req()
      .post(`${API}/local-authorities`)
      .set(bearer(token))
      .send({ name: 'Northshire', code });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Northshire', code, id: expect.any(String) });
    const dup = await t
      .req()
      .post(`${API}/local-authorities`)
      .set(bearer(token))
      .send({ name: 'Again', code });
    expect(dup.status).toBe(409);
    const bad = await t
      .req()
      .post(`${API}/local-authorities`)
      .set(bearer(token))
      .send({ name: 'Xy', code: 'lower case' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('creates a user for every LA role; never returns a password or hash; duplicate email → 409', async () => {
    const la = await newLa(t);
    const token = await platformAdminToken(t);
    for (const role of LA_ROLES) {
      const email = `${role}.${uniqueCode('U')}@tandem.test`;
      const body = {
        email,
        name: role,
        password: PASSWORD,
        roles: [role],
        localAuthorityId: la.id,
        ...(role === 'partner' || role === 'macpt_member' ? { agency: 'police' } : {}),
      };
      const res = await t.req().post(`${API}/users`).set(bearer(token)).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email, roles: [role], localAuthorityId: la.id });
      expect(JSON.stringify(res.body)).not.toMatch(/password|hash|argon/i);
      if (role === 'la_admin') {
        const dup = await t
          .req()
          .post(`${API}/users`)
          .set(bearer(token))
          .send({ ...body, email: email.toUpperCase() });
        expect(dup.status).toBe(409);
      }
    }
  });

  it('requires an agency for partner users', async () => {
    const la = await newLa(t);
    const res = await t
      .req()
      .post(`${API}/users`)
      .set(bearer(await platformAdminToken(t)))
      .send({
        email: `${uniqueCode('P')}@tandem.test`,
        name: 'P',
        password: PASSWORD,
        roles: ['partner'],
        localAuthorityId: la.id,
      });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('agency');
  });

  describe('login', () => {
    it('gives the same 401 body for an unknown email and a wrong password', async () => {
      const la = await newLa(t);
      const u = await newUser(t, la.id, ['family_help_practitioner']);
      const unknown = await t
        .req()
        .post(`${API}/auth/login`)
        .send({ email: 'nobody@tandem.test', password: PASSWORD });
      const wrong = await t
        .req()
        .post(`${API}/auth/login`)
        .send({ email: u.email, password: 'wrong-password-123' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('returns the user and a working token; /auth/me answers for it', async () => {
      const la = await newLa(t);
      const u = await newUser(t, la.id, ['ecpp', 'cp_manager']);
      const me = await t.req().get(`${API}/auth/me`).set(bearer(u.token));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        kind: 'user',
        id: u.id,
        roles: ['ecpp', 'cp_manager'],
        localAuthorityId: la.id,
      });
    });

    it('rejects a body with unknown fields or wrong types with a problem body naming the field', async () => {
      const extra = await t
        .req()
        .post(`${API}/auth/login`)
        .send({ email: 'a@b.test', password: 'x', admin: true });
      expect(extra.status).toBe(400);
      expect(extra.body).toMatchObject({
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'admin', message: expect.any(String) }],
      });
      const type = await t.req().post(`${API}/auth/login`).send({ email: 42, password: 'x' });
      expect(type.status).toBe(400);
      expect(type.body.errors.map((e: { field: string }) => e.field)).toContain('email');
    });
  });

  it('401 without a token, with a junk token, and for a disabled user at once', async () => {
    expect((await t.req().get(`${API}/auth/me`)).status).toBe(401);
    expect((await t.req().get(`${API}/auth/me`).set(bearer('junk'))).status).toBe(401);
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    expect((await t.req().get(`${API}/auth/me`).set(bearer(u.token))).status).toBe(200);
    const current = await t.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
    const off = await t
      .req()
      .patch(`${API}/users/${u.id}`)
      .set(bearer(admin.token))
      .set('If-Match', current.headers.etag)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const after = await t.req().get(`${API}/auth/me`).set(bearer(u.token));
    expect(after.status).toBe(401);
    expect(after.body.status).toBe(401);
    const relogin = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: u.email, password: PASSWORD });
    expect(relogin.status).toBe(401);
  });

  it('403 for a role without the permission, with a problem body', async () => {
    const la = await newLa(t);
    const practitioner = await newUser(t, la.id, ['family_help_practitioner']);
    const res = await t
      .req()
      .post(`${API}/teams`)
      .set(bearer(practitioner.token))
      .send({ name: 'Mine', kind: 'family_help' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'forbidden', title: 'Forbidden' });
    const createLa = await t
      .req()
      .post(`${API}/local-authorities`)
      .set(bearer(practitioner.token))
      .send({ name: 'X', code: uniqueCode() });
    expect(createLa.status).toBe(403);
  });

  describe('tenancy: la_admin manages only its own local authority', () => {
    it('cannot read, change or create users of another LA (404), nor add them to its teams', async () => {
      const [a, b] = [await newLa(t), await newLa(t)];
      const adminA = await newUser(t, a.id, ['la_admin']);
      const userB = await newUser(t, b.id, ['family_help_practitioner']);
      expect((await t.req().get(`${API}/users/${userB.id}`).set(bearer(adminA.token))).status).toBe(
        404,
      );
      const patch = await t
        .req()
        .patch(`${API}/users/${userB.id}`)
        .set(bearer(adminA.token))
        .set('If-Match', '"1"')
        .send({ active: false });
      expect(patch.status).toBe(404);
      const create = await t
        .req()
        .post(`${API}/users`)
        .set(bearer(adminA.token))
        .send({
          email: `${uniqueCode('X')}@tandem.test`,
          name: 'X',
          password: PASSWORD,
          roles: ['ecpp'],
          localAuthorityId: b.id,
        });
      expect(create.status).toBe(404);
      const team = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(adminA.token))
        .send({ name: 'A team', kind: 'family_help' });
      expect(team.status).toBe(201);
      const add = await t
        .req()
        .post(`${API}/teams/${team.body.id}/members`)
        .set(bearer(adminA.token))
        .send({ userId: userB.id, profession: 'social_worker' });
      expect(add.status).toBe(404);
      const list = await t.req().get(`${API}/users`).set(bearer(adminA.token));
      expect(list.status).toBe(200);
      expect(list.body.data.map((u: { localAuthorityId: string }) => u.localAuthorityId)).toEqual(
        expect.arrayContaining([a.id]),
      );
      expect(
        list.body.data.every((u: { localAuthorityId: string }) => u.localAuthorityId === a.id),
      ).toBe(true);
      const adminB = await newUser(t, b.id, ['la_admin']);
      expect(
        (await t.req().get(`${API}/teams/${team.body.id}`).set(bearer(adminB.token))).status,
      ).toBe(404);
      expect(
        (await t.req().get(`${API}/local-authorities/${a.id}`).set(bearer(adminB.token))).status,
      ).toBe(404);
    });
  });

  describe('teams', () => {
    it('creates teams of both kinds with members and professions; rejects bad kinds and duplicates', async () => {
      const la = await newLa(t);
      const admin = await newUser(t, la.id, ['la_admin']);
      const ecpp = await newUser(t, la.id, ['ecpp']);
      const team = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name: 'CP hub', kind: 'child_protection' });
      expect(team.status).toBe(201);
      const add = await t
        .req()
        .post(`${API}/teams/${team.body.id}/members`)
        .set(bearer(admin.token))
        .send({ userId: ecpp.id, profession: 'social_worker' });
      // A child-protection membership waits for a second approver (dual control).
      expect(add.status).toBe(202);
      await approveAsPlatform(t, add.body.id as string);
      const got = await t.req().get(`${API}/teams/${team.body.id}`).set(bearer(admin.token));
      expect(got.body.members).toEqual([
        expect.objectContaining({ userId: ecpp.id, profession: 'social_worker', roles: ['ecpp'] }),
      ]);
      const again = await t
        .req()
        .post(`${API}/teams/${team.body.id}/members`)
        .set(bearer(admin.token))
        .send({ userId: ecpp.id, profession: 'police' });
      expect(again.status).toBe(409);
      const bad = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name: 'X', kind: 'early_help' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('kind');
      const badProf = await t
        .req()
        .post(`${API}/teams/${team.body.id}/members`)
        .set(bearer(admin.token))
        .send({ userId: ecpp.id, profession: 'wizard' });
      expect(badProf.status).toBe(400);
    });
  });

  describe('API clients (OAuth2 client credentials)', () => {
    it('issues a secret once, exchanges it for a scoped token, and enforces scopes', async () => {
      const la = await newLa(t);
      const admin = await newUser(t, la.id, ['la_admin']);
      const created = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(admin.token))
        .send({ name: 'Exporter', scopes: ['cases:read'] });
      expect(created.status).toBe(201);
      // cases:read is beyond an la_admin's own permissions: a second approver grants it.
      await approvePending(t, created.body);
      expect(created.body.clientSecret).toEqual(expect.any(String));
      const list = await t.req().get(`${API}/api-clients`).set(bearer(admin.token));
      expect(JSON.stringify(list.body)).not.toContain(created.body.clientSecret);
      const tok = await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: created.body.clientId,
        client_secret: created.body.clientSecret,
      });
      expect(tok.status).toBe(200);
      expect(tok.body).toMatchObject({
        token_type: 'Bearer',
        scope: 'cases:read',
        expires_in: 900,
      });
      const me = await t.req().get(`${API}/auth/me`).set(bearer(tok.body.access_token));
      expect(me.body).toMatchObject({
        kind: 'client',
        scopes: ['cases:read'],
        localAuthorityId: la.id,
      });
      const denied = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(tok.body.access_token))
        .send({ name: 'x', kind: 'family_help' });
      expect(denied.status).toBe(403);
      const badSecret = await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: created.body.clientId,
        client_secret: 'nope',
      });
      expect(badSecret.status).toBe(401);
      const badGrant = await t
        .req()
        .post(`${API}/auth/token`)
        .send({ grant_type: 'password', client_id: created.body.clientId, client_secret: 'nope' });
      expect(badGrant.status).toBe(400);
      const moreScope = await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: created.body.clientId,
        client_secret: created.body.clientSecret,
        scope: 'cases:write',
      });
      expect(moreScope.status).toBe(400);
      // Revoking the client stops its tokens at once.
      const revoke = await t
        .req()
        .patch(`${API}/api-clients/${created.body.id}`)
        .set(bearer(admin.token))
        .set('If-Match', '"2"') // version 2: the approval granted cases:read
        .send({ active: false });
      expect(revoke.status).toBe(200);
      expect((await t.req().get(`${API}/auth/me`).set(bearer(tok.body.access_token))).status).toBe(
        401,
      );
    });
  });

  it('PATCH requires If-Match (428) and refuses a stale one (412)', async () => {
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const u = await newUser(t, la.id, ['auditor']);
    expect(
      (await t.req().patch(`${API}/users/${u.id}`).set(bearer(admin.token)).send({ name: 'N' }))
        .status,
    ).toBe(428);
    const ok = await t
      .req()
      .patch(`${API}/users/${u.id}`)
      .set(bearer(admin.token))
      .set('If-Match', '"1"')
      .send({ name: 'N' });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t
      .req()
      .patch(`${API}/users/${u.id}`)
      .set(bearer(admin.token))
      .set('If-Match', '"1"')
      .send({ name: 'M' });
    expect(stale.status).toBe(412);
    expect((await t.req().get(`${API}/users/${u.id}`).set(bearer(admin.token))).body.name).toBe(
      'N',
    );
  });

  it('rejects malformed path ids with 400 and unknown routes with a 404 problem', async () => {
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const res = await t.req().get(`${API}/users/not-a-uuid`).set(bearer(admin.token));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('id');
    const missing = await t.req().get(`${API}/nowhere`).set(bearer(admin.token));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });

  it('sets security headers, no-store and a request id on every response', async () => {
    const res = await t.req().get('/health').set('X-Request-Id', 'trace-abc-12345');
    expect(res.headers['x-request-id']).toBe('trace-abc-12345');
    expect(res.headers['cache-control']).toMatch(/no-store/);
    const api = await t.req().get(`${API}/auth/me`);
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves OpenAPI at /openapi.json and /docs', async () => {
    const doc = await t.req().get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/v1/auth/login']).toBeDefined();
    expect((await t.req().get('/docs')).status).toBe(200);
  });

  it('logs in with mixed-case email', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['trainer']);
    expect(await login(t, u.email.toUpperCase(), PASSWORD)).toEqual(expect.any(String));
  });
});

describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_IP_LIMIT: '8' });
  });
  afterAll(() => t.close());

  it('limits failed attempts per account and IP (429) even with the right password, and per IP across accounts', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['ecpp']); // one successful login: not a failure
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await t
            .req()
            .post(`${API}/auth/login`)
            .send({ email: u.email, password: 'wrong-password!' })
        ).status,
      ).toBe(401);
    }
    const blocked = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: u.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('login_throttled');
    expect(blocked.headers['retry-after']).toBeDefined();
    // Other accounts from the same IP are limited too once the IP budget is spent.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (
          await t
            .req()
            .post(`${API}/auth/login`)
            .send({ email: `someone${i}@tandem.test`, password: 'x' })
        ).status,
      );
    }
    expect(statuses).toContain(429);
  });
});
