/**
 * Sessions that last a working day: refresh tokens rotated on use, reuse of a spent token
 * revokes the family, sign-out revokes, disabled users stop at once.
 */
import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, PASSWORD, TestUser } from './utils/factories';
import { sql } from './utils/case.factories';

describe('refresh tokens', () => {
  let t: TestApp;
  let la: { id: string };
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    la = await newLa(t);
    admin = await newUser(t, la.id, ['la_admin']);
  });
  afterAll(() => t.close());

  async function signIn(u: TestUser) {
    const res = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: u.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(typeof res.body.refreshToken).toBe('string');
    return res.body as { accessToken: string; refreshToken: string };
  }
  const refresh = (refreshToken: unknown) =>
    t.req().post(`${API}/auth/refresh`).send({ refreshToken });
  const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
  /** The rows of the sign-in (family) that issued `token`, oldest first. */
  const familyOf = (token: string) =>
    sql<{ token_hash: string; expires_at: Date; revoked_at: Date | null; used_at: Date | null }>(
      t,
      `SELECT token_hash, expires_at, revoked_at, used_at FROM refresh_token
        WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1)
        ORDER BY created_at, id`,
      [sha256(token)],
    );
  const me = (token: string) => t.req().get(`${API}/auth/me`).set(bearer(token));

  it('sign-in returns a refresh token; a refresh rotates it and gives a working access token', async () => {
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const s = await signIn(u);
    const r = await refresh(s.refreshToken);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(r.body.refreshToken).not.toBe(s.refreshToken);
    expect((await me(r.body.accessToken)).body.id).toBe(u.id);
    // Only hashes are stored; the first token is spent, the second live.
    const stored = await familyOf(s.refreshToken);
    expect(stored.map((x) => x.token_hash)).toEqual([
      sha256(s.refreshToken),
      sha256(r.body.refreshToken),
    ]);
    expect(stored[0].used_at).not.toBeNull();
    expect(stored[1].used_at).toBeNull();
    const raw = await sql(t, `SELECT 1 FROM refresh_token WHERE token_hash = $1`, [s.refreshToken]);
    expect(raw).toHaveLength(0);
    // The next token works in turn.
    expect((await refresh(r.body.refreshToken)).status).toBe(200);
  });

  it('reusing a spent token: 401 and every token of that sign-in is revoked (audited); another sign-in is untouched', async () => {
    const u = await newUser(t, la.id, ['ecpp']);
    const s = await signIn(u);
    const other = await signIn(u);
    const r1 = await refresh(s.refreshToken);
    expect(r1.status).toBe(200);
    const replay = await refresh(s.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_refresh_token');
    // The thief's (or the user's) newer token is dead too.
    expect((await refresh(r1.body.refreshToken)).status).toBe(401);
    expect((await refresh(other.refreshToken)).status).toBe(200);
    const audit = await sql<{ metadata: { reason: string; revokedTokens: number } }>(
      t,
      `SELECT metadata FROM audit_event WHERE action = 'auth.refresh' AND outcome = 'failure'
          AND record_id = $1 ORDER BY id`,
      [u.id],
    );
    expect(audit[0].metadata).toMatchObject({ reason: 'spent_token_reused', revokedTokens: 2 });
    expect((await familyOf(s.refreshToken)).every((x) => x.revoked_at !== null)).toBe(true);
  });

  describe('session (sid) revocation of access tokens', () => {
    it('a practitioner signs out: the access tokens of that sign-in are 401 at once; another sign-in keeps working', async () => {
      const u = await newUser(t, la.id, ['family_help_practitioner']);
      const s = await signIn(u);
      const rotated = await refresh(s.refreshToken);
      const other = await signIn(u);
      expect((await me(s.accessToken)).status).toBe(200);
      const out = await t
        .req()
        .post(`${API}/auth/logout`)
        .send({ refreshToken: rotated.body.refreshToken });
      expect(out.status).toBe(204);
      expect((await me(s.accessToken)).status).toBe(401);
      expect((await me(rotated.body.accessToken)).status).toBe(401);
      expect((await me(other.accessToken)).status).toBe(200);
    });

    it("reuse of a spent refresh token is detected: every access token of that session is 401 at once, the thief's and the owner's", async () => {
      const u = await newUser(t, la.id, ['ecpp']);
      const s = await signIn(u);
      const thief = await refresh(s.refreshToken);
      expect(thief.status).toBe(200);
      expect((await me(thief.body.accessToken)).status).toBe(200);
      expect((await refresh(s.refreshToken)).status).toBe(401); // the owner's stale token: reuse
      expect((await me(thief.body.accessToken)).status).toBe(401);
      expect((await me(s.accessToken)).status).toBe(401);
      const again = await signIn(u);
      expect((await me(again.accessToken)).status).toBe(200);
    });

    it('an access token names its sign-in session (sid: the refresh-token family)', async () => {
      const u = await newUser(t, la.id, ['family_help_practitioner']);
      const s = await signIn(u);
      const payload = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
      expect(payload.sid).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('two refreshes racing with one token: one wins, the other is treated as reuse', async () => {
    const u = await newUser(t, la.id, ['cp_manager']);
    const s = await signIn(u);
    const results = await Promise.all([refresh(s.refreshToken), refresh(s.refreshToken)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logout revokes the sign-in (204); an unknown token is 204 too and reveals nothing', async () => {
    const u = await newUser(t, la.id, ['family_help_manager']);
    const s = await signIn(u);
    const out = await t.req().post(`${API}/auth/logout`).send({ refreshToken: s.refreshToken });
    expect(out.status).toBe(204);
    expect((await refresh(s.refreshToken)).status).toBe(401);
    const unknown = await t.req().post(`${API}/auth/logout`).send({ refreshToken: 'nope' });
    expect(unknown.status).toBe(204);
    const audit = await sql(
      t,
      `SELECT 1 FROM audit_event WHERE action = 'auth.logout' AND record_id = $1`,
      [u.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('a disabled user cannot refresh, at once', async () => {
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const s = await signIn(u);
    const current = await t.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
    const off = await t
      .req()
      .patch(`${API}/users/${u.id}`)
      .set(bearer(admin.token))
      .set('If-Match', current.headers.etag)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect((await familyOf(s.refreshToken)).every((x) => x.revoked_at !== null)).toBe(true);
  });

  it('disabled then re-enabled: a refresh token from before is refused (tokens_valid_after); a new sign-in works', async () => {
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const s = await signIn(u);
    for (const active of [false, true]) {
      const current = await t.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
      const res = await t
        .req()
        .patch(`${API}/users/${u.id}`)
        .set(bearer(admin.token))
        .set('If-Match', current.headers.etag)
        .send({ active });
      expect(res.status).toBe(200);
    }
    expect((await refresh(s.refreshToken)).status).toBe(401);
    const fresh = await signIn(u);
    expect((await refresh(fresh.refreshToken)).status).toBe(200);
  });

  it('a session past its end (REFRESH_TOKEN_TTL_SECONDS after sign-in) cannot refresh', async () => {
    const u = await newUser(t, la.id, ['ecpp']);
    const s = await signIn(u);
    await sql(
      t,
      `UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [u.id],
    );
    expect((await refresh(s.refreshToken)).status).toBe(401);
  });

  it('rotation keeps the session end of the sign-in', async () => {
    const u = await newUser(t, la.id, ['ecpp']);
    const s = await signIn(u);
    await refresh(s.refreshToken);
    const rows = await familyOf(s.refreshToken);
    expect(rows).toHaveLength(2);
    expect(rows[1].expires_at.getTime()).toBe(rows[0].expires_at.getTime());
    const hours = (rows[0].expires_at.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
  });

  it('an expired access token is refused; the refresh token then gets a working one', async () => {
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const s = await signIn(u);
    const realNow = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(realNow + 16 * 60 * 1000);
    try {
      expect((await me(s.accessToken)).status).toBe(401);
      const r = await refresh(s.refreshToken);
      expect(r.status).toBe(200);
      expect((await me(r.body.accessToken)).status).toBe(200);
    } finally {
      clock.mockRestore();
    }
  });

  it.each([
    ['no token', {}, 'refreshToken'],
    ['a number', { refreshToken: 42 }, 'refreshToken'],
    ['too long', { refreshToken: 'x'.repeat(201) }, 'refreshToken'],
    ['an unknown field', { refreshToken: 'x', extra: 1 }, 'extra'],
  ])('400 naming the field for %s', async (_n, body, field) => {
    for (const path of ['refresh', 'logout']) {
      const res = await t.req().post(`${API}/auth/${path}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('an unknown token: 401', async () => {
    expect((await refresh('not-a-token-we-issued')).status).toBe(401);
  });
});
