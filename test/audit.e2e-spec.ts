import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import type { AuditEntry } from 'src/audit/audit-sql';
import { runInContext } from 'src/common/request-context';
import { auditSettled, createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newLa,
  newUser,
  PASSWORD,
  uniqueCode,
  approvePending,
} from './utils/factories';

interface Row {
  id: string;
  at: Date;
  local_authority_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  child_ids: string[];
  outcome: string;
  request_id: string | null;
  ip: string | null;
  reason: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  metadata: Record<string, unknown> | null;
}

const reqId = (tag: string) => `${tag}-${randomUUID()}`;

describe('audit trail: what the foundation records', () => {
  let t: TestApp;
  let ds: DataSource;
  const rowsFor = async (requestId: string): Promise<Row[]> => {
    await auditSettled(t);
    return ds.query(`SELECT * FROM audit_event WHERE request_id = $1 ORDER BY id`, [requestId]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('records a successful login: who, when (UTC), request id and client IP', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const rid = reqId('login-ok');
    const before = new Date();
    const res = await t
      .req()
      .post(`${API}/auth/login`)
      .set('X-Request-Id', rid)
      .send({ email: u.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(rid);
    const [row, ...more] = await rowsFor(rid);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      action: 'auth.login',
      outcome: 'success',
      actor_type: 'user',
      actor_id: u.id,
      record_type: 'user',
      record_id: u.id,
      local_authority_id: la.id,
      request_id: rid,
    });
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('records failed logins (wrong password, unknown email) as failures, without the password or the email', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['ecpp']);
    const wrongRid = reqId('login-wrong');
    const wrong = await t
      .req()
      .post(`${API}/auth/login`)
      .set('X-Request-Id', wrongRid)
      .send({ email: u.email, password: 'not-the-password-1' });
    expect(wrong.status).toBe(401);
    const [w] = await rowsFor(wrongRid);
    expect(w).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      actor_type: 'anonymous',
      actor_id: null,
      record_id: u.id,
      local_authority_id: la.id,
      metadata: { reason: 'wrong_password' },
    });
    expect(w.ip).toBeTruthy();
    expect(JSON.stringify(w)).not.toContain('not-the-password-1');

    const email = `${uniqueCode('NOBODY')}@tandem.test`.toLowerCase();
    const unknownRid = reqId('login-unknown');
    const unknown = await t
      .req()
      .post(`${API}/auth/login`)
      .set('X-Request-Id', unknownRid)
      .send({ email, password: 'whatever-password' });
    expect(unknown.status).toBe(401);
    const [n] = await rowsFor(unknownRid);
    expect(n).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      record_id: null,
      metadata: { reason: 'unknown_email' },
    });
    expect(JSON.stringify(n)).not.toContain(email);
  });

  it('records API clients too: failed and successful token requests, and their reads as actorType client', async () => {
    const la = await newLa(t);
    const [admin, practitioner] = await Promise.all([
      newUser(t, la.id, ['la_admin']),
      newUser(t, la.id, ['family_help_practitioner']),
    ]);
    const client = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(admin.token))
      .send({ name: 'Audit integrator', scopes: ['families:read'] });
    expect(client.status).toBe(201);
    await approvePending(t, client.body);
    const badRid = reqId('token-bad');
    const bad = await t.req().post(`${API}/auth/token`).set('X-Request-Id', badRid).send({
      grant_type: 'client_credentials',
      client_id: client.body.clientId,
      client_secret: 'not-the-secret',
    });
    expect(bad.status).toBe(401);
    const [failure] = await rowsFor(badRid);
    expect(failure).toMatchObject({
      action: 'auth.token',
      outcome: 'failure',
      record_id: client.body.id,
      local_authority_id: la.id,
    });
    expect(JSON.stringify(failure)).not.toContain('not-the-secret');
    const token = await t.req().post(`${API}/auth/token`).send({
      grant_type: 'client_credentials',
      client_id: client.body.clientId,
      client_secret: client.body.clientSecret,
    });
    expect(token.status).toBe(200);
    const family = await t
      .req()
      .post(`${API}/families`)
      .set(bearer(practitioner.token))
      .send({
        members: [
          { kind: 'child', firstName: 'Cai', lastName: 'Client', dateOfBirth: '2017-07-07' },
        ],
      });
    expect(family.status).toBe(201);
    const readRid = reqId('client-read');
    const read = await t
      .req()
      .get(`${API}/families/${family.body.id}`)
      .set(bearer(token.body.access_token))
      .set('X-Request-Id', readRid);
    expect(read.status).toBe(200);
    const [row] = await rowsFor(readRid);
    expect(row).toMatchObject({
      action: 'family.read',
      actor_type: 'client',
      actor_id: client.body.id,
      record_id: family.body.id,
      child_ids: [family.body.members[0].id],
      local_authority_id: la.id,
    });
  });

  it('records a refused role (403) as a denial of that permission, with the route', async () => {
    const la = await newLa(t);
    const p = await newUser(t, la.id, ['family_help_practitioner']);
    const rid = reqId('denied');
    const res = await t
      .req()
      .post(`${API}/teams`)
      .set(bearer(p.token))
      .set('X-Request-Id', rid)
      .send({ name: 'Not mine', kind: 'family_help' });
    expect(res.status).toBe(403);
    const rows = await rowsFor(rid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'team.create',
      outcome: 'denied',
      reason: 'role does not grant the permission',
      actor_type: 'user',
      actor_id: p.id,
      local_authority_id: la.id,
      metadata: { permission: 'team.create', method: 'POST', path: '/api/v1/teams' },
    });
    expect(rows[0].ip).toBeTruthy();
    const teams: unknown[] = await ds.query(
      `SELECT 1 FROM team WHERE local_authority_id = $1 AND name = 'Not mine'`,
      [la.id],
    );
    expect(teams).toEqual([]);
  });

  it('records user create and update with field-level before/after and never a password or hash', async () => {
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const createRid = reqId('user-create');
    const email = `audited-${randomUUID().slice(0, 8)}@tandem.test`;
    const created = await t
      .req()
      .post(`${API}/users`)
      .set(bearer(admin.token))
      .set('X-Request-Id', createRid)
      .send({
        email,
        name: 'Before Name',
        password: PASSWORD,
        roles: ['family_help_practitioner'],
        localAuthorityId: la.id,
      });
    expect(created.status).toBe(201);
    const [c] = await rowsFor(createRid);
    expect(c).toMatchObject({
      action: 'user.create',
      outcome: 'success',
      actor_id: admin.id,
      record_type: 'user',
      record_id: created.body.id,
      local_authority_id: la.id,
      request_id: createRid,
    });
    expect(c.changes).toMatchObject({
      email: { before: null, after: email },
      name: { before: null, after: 'Before Name' },
      roles: { before: null, after: ['family_help_practitioner'] },
    });
    const hash: { password_hash: string }[] = await ds.query(
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [created.body.id],
    );
    const text = JSON.stringify(c);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(hash[0].password_hash);
    expect(text).not.toMatch(/\$argon2/);

    const updateRid = reqId('user-update');
    const updated = await t
      .req()
      .patch(`${API}/users/${created.body.id}`)
      .set(bearer(admin.token))
      .set('If-Match', created.headers.etag)
      .set('X-Request-Id', updateRid)
      .send({ name: 'After Name', roles: ['family_help_manager'] });
    expect(updated.status).toBe(200);
    const [u] = await rowsFor(updateRid);
    expect(u).toMatchObject({ action: 'user.update', actor_id: admin.id, outcome: 'success' });
    expect(u.changes).toEqual({
      name: { before: 'Before Name', after: 'After Name' },
      roles: { before: ['family_help_practitioner'], after: ['family_help_manager'] },
    });
  });

  it('leaves no audit row claiming success when the write fails (409 duplicate, 412 stale version)', async () => {
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const victim = await newUser(t, la.id, ['family_help_practitioner']);
    const dupRid = reqId('dup');
    const dup = await t
      .req()
      .post(`${API}/users`)
      .set(bearer(admin.token))
      .set('X-Request-Id', dupRid)
      .send({
        email: victim.email,
        name: 'Dup',
        password: PASSWORD,
        roles: ['ecpp'],
        localAuthorityId: la.id,
      });
    expect(dup.status).toBe(409);
    expect(await rowsFor(dupRid)).toEqual([]);

    const staleRid = reqId('stale');
    const stale = await t
      .req()
      .patch(`${API}/users/${victim.id}`)
      .set(bearer(admin.token))
      .set('If-Match', '"999"')
      .set('X-Request-Id', staleRid)
      .send({ name: 'Never' });
    expect(stale.status).toBe(412);
    expect(await rowsFor(staleRid)).toEqual([]);
    const names: { name: string }[] = await ds.query(`SELECT name FROM app_user WHERE id = $1`, [
      victim.id,
    ]);
    expect(names[0].name).not.toBe('Never');
  });

  it('writes several rows in one statement exactly as it writes each row alone (nulls, quotes, backslashes, child ids)', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const actor = {
      kind: 'user' as const,
      id: u.id,
      localAuthorityId: la.id,
      roles: u.roles,
      scopes: [],
    } as unknown as Actor;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const entries: AuditEntry[] = [
      {
        action: 'case.list',
        recordType: 'case',
        recordId: a,
        childIds: [b, c],
        metadata: { q: 'say "hi" \\ \u00e9', n: null },
      },
      {
        action: 'case.list',
        recordType: 'case',
        recordId: b,
        childIds: [],
        outcome: 'denied',
        reason: 'a "quoted" \\ reason',
      },
      {
        action: 'user.update',
        recordType: 'user',
        recordId: null,
        changes: { name: { before: "O'Neil", after: '{not,an,array}' } },
      },
    ];
    const audit = t.app.get(AuditService);
    const ctx = (rid: string, ip: string | null) => ({
      requestId: rid,
      ip,
      method: 'GET',
      path: '/',
      cursorScope: '',
      actor,
    });
    const together = reqId('audit-batch');
    await runInContext(ctx(together, '2001:db8::1'), () => audit.recordMany(entries));
    const alone = reqId('audit-alone');
    for (const e of entries)
      await runInContext(ctx(alone, '2001:db8::1'), () => audit.recordMany([e]));
    const shape = (rows: Row[]) =>
      rows
        .map(({ id: _id, at: _at, request_id: _r, ...rest }) => rest)
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const batch = await rowsFor(together);
    expect(batch).toHaveLength(3);
    expect(shape(batch)).toEqual(shape(await rowsFor(alone)));
    const listed = batch.find((r) => r.record_id === a);
    expect([...(listed?.child_ids ?? [])].sort()).toEqual([b, c].sort());
    expect(listed?.metadata).toEqual({ q: 'say "hi" \\ \u00e9', n: null });
    expect(batch.find((r) => r.action === 'user.update')?.changes).toEqual({
      name: { before: "O'Neil", after: '{not,an,array}' },
    });
    expect(batch.every((r) => r.ip === '2001:db8::1')).toBe(true);
  });

  describe('tamper resistance: the application role cannot rewrite history', () => {
    let ids: string[];
    let snapshot: string;
    const snap = async () =>
      JSON.stringify(
        await ds.query(`SELECT * FROM audit_event WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]),
      );

    beforeAll(async () => {
      const la = await newLa(t);
      await newUser(t, la.id, ['auditor']);
      const rows: { id: string }[] = await ds.query(
        `SELECT id FROM audit_event WHERE local_authority_id = $1 ORDER BY id`,
        [la.id],
      );
      ids = rows.map((r) => r.id);
      expect(ids.length).toBeGreaterThan(0);
      snapshot = await snap();
    });

    it.each([
      [
        'UPDATE',
        `UPDATE audit_event SET action = 'forged', actor_id = NULL WHERE id = ANY($1::bigint[])`,
      ],
      ['DELETE', `DELETE FROM audit_event WHERE id = ANY($1::bigint[])`],
    ])('refuses %s through the app DataSource and changes nothing', async (_op, sql) => {
      await expect(ds.query(sql, [ids])).rejects.toThrow(/append-only/);
      expect(await snap()).toBe(snapshot);
    });

    it('refuses TRUNCATE through the app DataSource and changes nothing', async () => {
      const before: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM audit_event`);
      await expect(ds.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
      const after: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM audit_event`);
      expect(Number(after[0].n)).toBeGreaterThanOrEqual(Number(before[0].n));
      expect(await snap()).toBe(snapshot);
    });

    it('refuses an UPDATE inside a transaction too (no partial rewrite survives)', async () => {
      await expect(
        ds.transaction(async (m) => {
          await m.query(`INSERT INTO audit_event (actor_type, action) VALUES ('system', 'probe')`);
          await m.query(`UPDATE audit_event SET reason = 'x' WHERE id = $1`, [ids[0]]);
        }),
      ).rejects.toThrow(/append-only/);
      expect(await snap()).toBe(snapshot);
    });
  });
});
