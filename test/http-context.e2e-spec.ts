/**
 * The HTTP layer on Fastify: the request's AsyncLocalStorage context is active in guards,
 * handlers and the exception filter for requests WITH bodies too (Fastify reads a body in the
 * socket's async context, not the onRequest hook's), and every response, Fastify's own errors
 * included, carries the request id and the security headers.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type Server } from 'node:http';
import type { Test } from 'supertest';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { auditSettled, createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, PASSWORD, TestUser } from './utils/factories';

const reqId = (tag: string) => `${tag}-${randomUUID()}`;

describe('HTTP layer: request context and headers (Fastify)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: TestUser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    const la = await newLa(t);
    admin = await newUser(t, la.id, ['la_admin']);
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    (t.http as Server).close();
    await t.close();
  });

  const rowsFor = async (rid: string) => {
    await auditSettled(t);
    return ds.query<{ action: string; actor_id: string | null; request_id: string }[]>(
      `SELECT action, actor_id, request_id FROM audit_event WHERE request_id = $1`,
      [rid],
    );
  };

  /** A POST whose JSON body arrives in two writes, 50 ms apart: parsed on a later socket event. */
  function slowPost(path: string, body: string, headers: Record<string, string>) {
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(
        `${base}${path}`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      setTimeout(() => req.end(body.slice(half)), 50);
    });
  }

  it('a handler behind the guard, for a body read over two socket events, writes its audit with the request id and the actor the guard found', async () => {
    const rid = reqId('ctx-team');
    const res = await slowPost(
      `${API}/teams`,
      JSON.stringify({ name: `Ctx ${randomUUID()}`, kind: 'family_help' }),
      { ...bearer(admin.token), 'X-Request-Id': rid },
    );
    expect(res.status).toBe(201);
    const rows = await rowsFor(rid);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ request_id: rid, actor_id: admin.id });
  });

  it('a public route with a body (sign-in) records its request id', async () => {
    const rid = reqId('ctx-login');
    const res = await slowPost(
      `${API}/auth/login`,
      JSON.stringify({ email: admin.email, password: PASSWORD }),
      { 'X-Request-Id': rid },
    );
    expect(res.status).toBe(200);
    expect((await rowsFor(rid)).map((r) => r.action)).toContain('auth.login');
  });

  it.each<[string, () => Test, number, string]>([
    [
      'malformed JSON',
      () => t.req().post(`${API}/auth/login`).set('Content-Type', 'application/json').send('{x'),
      400,
      'malformed_json',
    ],
    [
      'a body over the limit',
      () =>
        t
          .req()
          .post(`${API}/auth/login`)
          .send({ email: 'x'.repeat(300 * 1024), password: 'y' }),
      413,
      'payload_too_large',
    ],
    [
      'an unsupported media type',
      () => t.req().post(`${API}/auth/login`).set('Content-Type', 'text/plain').send('hello'),
      415,
      'unsupported_media_type',
    ],
    ['an unknown route', () => t.req().get(`${API}/no-such-route`), 404, 'not_found'],
    [
      'a validation failure in the handler',
      () => t.req().post(`${API}/auth/login`).send({ email: 'not-an-email' }),
      400,
      'validation_failed',
    ],
  ])(
    '%s: problem JSON whose requestId the exception filter read from the context, with the security headers',
    async (_name, send, status, code) => {
      const rid = reqId('ctx-err');
      const res = await send().set('X-Request-Id', rid);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, requestId: rid });
      expect(res.headers['x-request-id']).toBe(rid);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    },
  );

  it('routes as Express did: case-insensitive, a trailing slash ignored', async () => {
    const me = await t.req().get(`${API}/AUTH/me/`).set(bearer(admin.token));
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(admin.id);
  });
});
