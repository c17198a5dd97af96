import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdempotencyService, requestHash } from 'src/idempotency/idempotency.service';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import type { NestContainer } from '@nestjs/core';
import { IdempotencyInterceptor } from 'src/idempotency/idempotency.interceptor';
import { TeamService } from 'src/teams/team.service';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newLa,
  newUser,
  PASSWORD,
  platformAdminToken,
  TestUser,
} from './utils/factories';
import { withoutContractCheck } from './utils/contract-recorder';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let ds: DataSource;
  let la: { id: string };
  let admin: TestUser;
  let admin2: TestUser;

  const teamsNamed = async (name: string) =>
    Number(
      (
        await ds.query(
          `SELECT count(*) AS n FROM team WHERE local_authority_id = $1 AND name = $2`,
          [la.id, name],
        )
      )[0].n,
    );
  const postTeam = (u: TestUser, key: string | null, body: object) => {
    const r = t.req().post(`${API}/teams`).set(bearer(u.token));
    if (key !== null) r.set('Idempotency-Key', key);
    return r.send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    la = await newLa(t);
    [admin, admin2] = await Promise.all([
      newUser(t, la.id, ['la_admin']),
      newUser(t, la.id, ['la_admin']),
    ]);
  });
  afterAll(() => t.close());

  it('covers every POST route of the running app, and puts no interceptor on any other route', () => {
    const container = (t.app as unknown as { container: NestContainer }).container;
    const posts: string[] = [];
    const others: string[] = [];
    for (const mod of container.getModules().values()) {
      for (const wrapper of mod.controllers.values()) {
        const proto = (wrapper.metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          const method = Reflect.getMetadata(METHOD_METADATA, handler as object) as unknown;
          if (method === undefined) continue;
          const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler as object) ??
            []) as unknown[];
          const route = `${wrapper.name}.${name}`;
          if (method === RequestMethod.POST) {
            posts.push(route);
            expect({ route, idempotent: interceptors.includes(IdempotencyInterceptor) }).toEqual({
              route,
              idempotent: true,
            });
          } else if (interceptors.length) {
            others.push(route);
          }
        }
      }
    }
    expect(posts.length).toBeGreaterThan(50);
    expect(others).toEqual([]);
  });

  it('replays the first response (status, body, Idempotent-Replayed: true) and writes once', async () => {
    const key = randomUUID();
    const name = `Replay ${key}`;
    const first = await postTeam(admin, key, { name, kind: 'family_help' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await postTeam(admin, key, { kind: 'family_help', name }); // keys reordered
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await teamsNamed(name)).toBe(1);
    const audits: unknown[] = await ds.query(
      `SELECT 1 FROM audit_event WHERE action = 'team.create' AND record_id = $1`,
      [first.body.id],
    );
    expect(audits).toHaveLength(1);
  });

  it('replays bodies with dates exactly as first sent (POST /local-authorities returns createdAt)', async () => {
    const admin = await platformAdminToken(t);
    const key = randomUUID();
    const body = { name: 'Replayed Council', code: `R-${key.slice(0, 8).toUpperCase()}` };
    const send = () =>
      t
        .req()
        .post(`${API}/local-authorities`)
        .set(bearer(admin))
        .set('Idempotency-Key', key)
        .send(body);
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
  });

  it('treats the same key with a different body or path as a 422 and writes nothing', async () => {
    const key = randomUUID();
    const name = `Mismatch ${key}`;
    expect((await postTeam(admin, key, { name, kind: 'family_help' })).status).toBe(201);
    const other = await postTeam(admin, key, { name: `${name} 2`, kind: 'family_help' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(await teamsNamed(`${name} 2`)).toBe(0);
    const otherPath = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', key)
      .send({ name, scopes: ['cases:read'] });
    expect(otherPath.status).toBe(422);
  });

  it('keys per caller: another caller may use the same key for its own request', async () => {
    const key = randomUUID();
    const a = await postTeam(admin, key, { name: `Mine ${key}`, kind: 'family_help' });
    const b = await postTeam(admin2, key, { name: `Mine ${key}`, kind: 'family_help' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('rejects a key longer than 255 characters (400) and accepts exactly 255', async () => {
    const long = await postTeam(admin, 'k'.repeat(256), { name: 'Too long', kind: 'family_help' });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('Idempotency-Key');
    expect(await teamsNamed('Too long')).toBe(0);
    const max = await postTeam(admin, 'k'.repeat(254) + randomUUID().slice(0, 1), {
      name: `Max ${randomUUID()}`,
      kind: 'family_help',
    });
    expect(max.status).toBe(201);
  });

  it('answers 409 (Retry-After) while the first request with the key is still in flight', async () => {
    const key = randomUUID();
    const body = { name: `In flight ${key}`, kind: 'family_help' };
    await ds.query(
      `INSERT INTO idempotency_key (caller_id, key, local_authority_id, request_hash, status)
       VALUES ($1, $2, $3, $4, 'in_flight')`,
      [admin.id, key, la.id, requestHash('POST', `${API}/teams`, body)],
    );
    const res = await postTeam(admin, key, body);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('idempotency_in_flight');
    expect(res.headers['retry-after']).toBe('1');
    expect(await teamsNamed(body.name)).toBe(0);
  });

  it('lets exactly one of ten concurrent duplicates run; the others replay it or get 409', async () => {
    const key = randomUUID();
    const body = { name: `Concurrent ${key}`, kind: 'child_protection' };
    const results = await Promise.all(Array.from({ length: 10 }, () => postTeam(admin, key, body)));
    const fresh = results.filter((r) => r.status === 201 && !r.headers['idempotent-replayed']);
    const replayed = results.filter((r) => r.headers['idempotent-replayed'] === 'true');
    const busy = results.filter((r) => r.status === 409);
    expect(fresh).toHaveLength(1);
    expect(replayed.length + busy.length).toBe(9);
    for (const r of replayed) expect(r.body).toEqual(fresh[0].body);
    expect(await teamsNamed(body.name)).toBe(1);
  });

  it('keeps and replays a 4xx answer (validation 400, not found 404)', async () => {
    const key = randomUUID();
    const bad = await postTeam(admin, key, { name: 'Bad kind', kind: 'nope' });
    expect(bad.status).toBe(400);
    const badAgain = await postTeam(admin, key, { name: 'Bad kind', kind: 'nope' });
    expect(badAgain.status).toBe(400);
    expect(badAgain.headers['idempotent-replayed']).toBe('true');
    expect(badAgain.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(badAgain.body).toEqual(bad.body);

    const key2 = randomUUID();
    const member = { userId: admin2.id, profession: 'social_worker' };
    const path = `${API}/teams/${randomUUID()}/members`;
    const missing = await t
      .req()
      .post(path)
      .set(bearer(admin.token))
      .set('Idempotency-Key', key2)
      .send(member);
    expect(missing.status).toBe(404);
    const again = await t
      .req()
      .post(path)
      .set(bearer(admin.token))
      .set('Idempotency-Key', key2)
      .send(member);
    expect(again.status).toBe(404);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(missing.body);
  });

  it('keeps nothing after a 5xx, so a retry with the same key runs again', async () => {
    const teams = t.app.get(TeamService);
    const spy = jest.spyOn(teams, 'create').mockRejectedValueOnce(new Error('database went away'));
    const key = randomUUID();
    const body = { name: `After 500 ${key}`, kind: 'family_help' };
    try {
      // A deliberately broken handler: a 500 no client is promised (not checked against the
      // contract).
      const failed = await withoutContractCheck(() => postTeam(admin, key, body));
      expect(failed.status).toBe(500);
      expect(JSON.stringify(failed.body)).not.toContain('database went away');
    } finally {
      spy.mockRestore();
    }
    const rows: unknown[] = await ds.query(
      `SELECT 1 FROM idempotency_key WHERE caller_id = $1 AND key = $2`,
      [admin.id, key],
    );
    expect(rows).toEqual([]);
    const retry = await postTeam(admin, key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await teamsNamed(body.name)).toBe(1);
  });

  it('replays ETag with the body, and never keeps a secret at rest (shown once)', async () => {
    const key = randomUUID();
    const email = `idem-${randomUUID().slice(0, 8)}@tandem.test`;
    const userBody = {
      email,
      name: 'Idem',
      password: PASSWORD,
      roles: ['ecpp'],
      localAuthorityId: la.id,
    };
    const u1 = await t
      .req()
      .post(`${API}/users`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', key)
      .send(userBody);
    const u2 = await t
      .req()
      .post(`${API}/users`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', key)
      .send(userBody);
    expect([u1.status, u2.status]).toEqual([201, 201]);
    expect(u2.headers.etag).toBe(u1.headers.etag);
    expect(u2.body).toEqual(u1.body);

    const ckey = randomUUID();
    const client = { name: `Integrator ${ckey}`, scopes: ['cases:read'] };
    const c1 = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', ckey)
      .send(client);
    expect(c1.status).toBe(201);
    expect(c1.body.clientSecret).toEqual(expect.any(String));
    const c2 = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', ckey)
      .send(client);
    expect(c2.status).toBe(201);
    expect(c2.body).toEqual({ ...c1.body, clientSecret: '[redacted]' });
    const stored: { response_body: unknown }[] = await ds.query(
      `SELECT response_body FROM idempotency_key WHERE caller_id = $1 AND key = $2`,
      [admin.id, ckey],
    );
    expect(JSON.stringify(stored)).not.toContain(c1.body.clientSecret);
  });

  it('does nothing without a key, and ignores keys on unauthenticated POSTs (login)', async () => {
    const name = `No key ${randomUUID()}`;
    await postTeam(admin, null, { name, kind: 'family_help' });
    await postTeam(admin, null, { name, kind: 'family_help' });
    expect(await teamsNamed(name)).toBe(2);
    const key = randomUUID();
    for (let i = 0; i < 2; i++) {
      const res = await t
        .req()
        .post(`${API}/auth/login`)
        .set('Idempotency-Key', key)
        .send({ email: admin.email, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await ds.query(`SELECT 1 FROM idempotency_key WHERE key = $1`, [key])).toEqual([]);
  });

  describe('retention (IDEMPOTENCY_RETENTION_HOURS, default 24)', () => {
    const insertOld = (key: string, hoursAgo: number, hash = 'x'.repeat(64)) =>
      ds.query(
        `INSERT INTO idempotency_key (caller_id, key, local_authority_id, request_hash, status, response_status, response_body, created_at)
         VALUES ($1, $2, $3, $4, 'done', 201, '{}', now() - make_interval(hours => $5))`,
        [admin.id, key, la.id, hash, hoursAgo],
      );

    it('forgets an expired key lazily: the same key then runs as a new request', async () => {
      const key = randomUUID();
      await insertOld(key, 25);
      const name = `Expired ${key}`;
      const res = await postTeam(admin, key, { name, kind: 'family_help' });
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(await teamsNamed(name)).toBe(1);
    });

    it('purges expired keys in bulk and keeps live ones', async () => {
      const old = randomUUID();
      const live = randomUUID();
      await insertOld(old, 30);
      await insertOld(live, 23);
      expect(t.app.get(IdempotencyService).retentionHours).toBe(24);
      expect(await t.app.get(IdempotencyService).purgeExpired()).toBeGreaterThanOrEqual(1);
      const left: { key: string }[] = await ds.query(
        `SELECT key FROM idempotency_key WHERE key = ANY($1::text[])`,
        [[old, live]],
      );
      expect(left).toEqual([{ key: live }]);
    });
  });
});
