import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, approvePending } from './utils/factories';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** POST /auth/token per RFC 6749: client auth by HTTP Basic or body, scope narrowing, §5.2 errors. */
describe('OAuth2 client credentials on /auth/token', () => {
  let t: TestApp;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    t = await createTestApp();
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const created = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(admin.token))
      .send({ name: 'Warehouse feed', scopes: ['cases:read', 'events:read'] });
    expect(created.status).toBe(201);
    await approvePending(t, created.body);
    client = created.body;
  });
  afterAll(() => t.close());

  const token = () => t.req().post(`${API}/auth/token`);

  it('HTTP Basic client authentication (form body, the RFC default) gets a token', async () => {
    const res = await token()
      .set('Authorization', basic(client.clientId, client.clientSecret))
      .type('form')
      .send('grant_type=client_credentials');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'cases:read events:read' });
  });

  it('client_id and client_secret in a JSON or form body get a token', async () => {
    const json = await token().send({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(json.status).toBe(200);
    const form = await token()
      .type('form')
      .send(
        `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${encodeURIComponent(client.clientSecret)}`,
      );
    expect(form.status).toBe(200);
  });

  it('scope narrows the token: events:read alone cannot read cases', async () => {
    const res = await token()
      .set('Authorization', basic(client.clientId, client.clientSecret))
      .type('form')
      .send('grant_type=client_credentials&scope=events%3Aread');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('events:read');
    const me = await t.req().get(`${API}/auth/me`).set(bearer(res.body.access_token));
    expect(me.body.scopes).toEqual(['events:read']);
    const cases = await t.req().get(`${API}/cases`).set(bearer(res.body.access_token));
    expect(cases.status).toBe(403);
  });

  it.each([
    [
      'a wrong secret by Basic',
      () => ({ auth: basic('x', 'y'), body: 'grant_type=client_credentials' }),
      401,
      'invalid_client',
    ],
    [
      'no client authentication',
      () => ({ body: 'grant_type=client_credentials' }),
      401,
      'invalid_client',
    ],
    [
      'a malformed Basic header',
      () => ({ auth: 'Basic %%%', body: 'grant_type=client_credentials' }),
      401,
      'invalid_client',
    ],
    [
      'Basic and a body secret together',
      () => ({
        auth: basic(client.clientId, client.clientSecret),
        body: `grant_type=client_credentials&client_secret=${encodeURIComponent(client.clientSecret)}`,
      }),
      400,
      'invalid_request',
    ],
    [
      'grant_type password',
      () => ({ auth: basic(client.clientId, client.clientSecret), body: 'grant_type=password' }),
      400,
      'unsupported_grant_type',
    ],
    [
      'no grant_type',
      () => ({ auth: basic(client.clientId, client.clientSecret), body: 'scope=cases%3Aread' }),
      400,
      'invalid_request',
    ],
    [
      'a scope the client was not granted',
      () => ({
        auth: basic(client.clientId, client.clientSecret),
        body: 'grant_type=client_credentials&scope=cases%3Awrite',
      }),
      400,
      'invalid_scope',
    ],
  ])('%s → %i %s in the RFC 6749 §5.2 shape', async (_name, make, status, error) => {
    const { auth, body } = make() as { auth?: string; body: string };
    const req = token().type('form');
    if (auth) req.set('Authorization', auth);
    const res = await req.send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ error, error_description: expect.any(String) });
    expect(res.body.access_token).toBeUndefined();
    if (status === 401 && auth) expect(res.headers['www-authenticate']).toMatch(/^Basic /);
  });
});
