import { createTestApp, TestApp } from './utils/create-app';
import { API, newLa, newUser, PASSWORD } from './utils/factories';

/** What a UI builder or an integrator meets at the edge of the HTTP contract: the document's
 * servers, the docs page, token responses that no cache keeps, and CORS. */
describe('the HTTP contract at the edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://ui.example.gov.uk, http://localhost:5173' });
  });
  afterAll(() => t.close());

  it('openapi.json names a relative server (the host that serves it), never localhost', async () => {
    const res = await t.req().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(res.text).not.toContain('localhost:3000');
  });

  it('/docs/ (trailing slash) is sent to /docs, whose page loads its scripts', async () => {
    const slash = await t.req().get('/docs/');
    expect(slash.status).toBe(301);
    expect(slash.headers.location).toBe('/docs');
    const page = await t.req().get('/docs');
    expect(page.status).toBe(200);
    const script = /src="([^"]*swagger-ui-init\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const init = await t.req().get(new URL(script!, 'http://x/docs').pathname);
    expect(init.status).toBe(200);
  });

  it('a token response carries Cache-Control: no-store and Pragma: no-cache (RFC 6749 §5.1)', async () => {
    const la = await newLa(t);
    const user = await newUser(t, la.id, ['la_admin']);
    const res = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
  });

  it.each([
    ['POST', '/openapi.json', 'GET, HEAD'],
    ['DELETE', `${API}/cases`, 'GET, HEAD, POST'],
    ['PUT', `${API}/families/3fa85f64-5717-4562-b3fc-2c963f66afa6`, 'GET, HEAD, PATCH'],
  ])(
    '%s on %s, a path that exists, is a 405 problem with Allow: %s',
    async (method, path, allow) => {
      const res = await t.req()[method.toLowerCase() as 'post'](path);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 405, code: 'method_not_allowed' });
    },
  );

  it('a path that does not exist is still a 404 under any method', async () => {
    const res = await t.req().post(`${API}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });

  it('CORS: a listed origin is allowed (preflight and answer), with the headers a UI needs', async () => {
    const pre = await t
      .req()
      .options(`${API}/cases`)
      .set('Origin', 'https://ui.example.gov.uk')
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization, if-match');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://ui.example.gov.uk');
    expect(pre.headers['access-control-allow-methods']).toContain('PATCH');
    expect(pre.headers['access-control-allow-headers']).toContain('If-Match');
    const res = await t.req().get('/health').set('Origin', 'http://localhost:5173');
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-expose-headers']).toContain('ETag');
  });

  it('CORS: an origin not listed gets no Access-Control-Allow-Origin', async () => {
    const res = await t.req().get('/health').set('Origin', 'https://evil.example.org');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS: none by default (no CORS_ORIGINS), so a browser on another origin is refused', async () => {
    const plain = await createTestApp();
    try {
      const res = await plain.req().get('/health').set('Origin', 'https://ui.example.gov.uk');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
