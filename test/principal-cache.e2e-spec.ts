import { Client } from 'pg';
import { auditSettled, createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser } from './utils/factories';

/**
 * The principal cache (src/auth/principal-cache.ts) never keeps a changed account alive: a
 * change made by ANOTHER instance (here: straight SQL, which this instance does not see, as a
 * second instance's write would be) reaches this one through the NOTIFY of the account triggers.
 */
describe('principal cache invalidation by LISTEN/NOTIFY', () => {
  let t: TestApp;
  let db: Client;
  beforeAll(async () => {
    t = await createTestApp();
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const me = (token: string) => t.req().get(`${API}/auth/me`).set(bearer(token));

  async function statusSoon(token: string, want: number): Promise<number> {
    let status = 0;
    for (let i = 0; i < 40 && status !== want; i++) {
      status = (await me(token)).status;
      if (status !== want) await new Promise((r) => setTimeout(r, 50));
    }
    return status;
  }

  it('a user disabled elsewhere is refused, and re-enabled is let in again', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    expect((await me(u.token)).status).toBe(200);
    expect((await me(u.token)).status).toBe(200); // now served from the cache
    await db.query(`UPDATE app_user SET active = false WHERE id = $1`, [u.id]);
    expect(await statusSoon(u.token, 401)).toBe(401);
    await db.query(`UPDATE app_user SET active = true WHERE id = $1`, [u.id]);
    expect(await statusSoon(u.token, 200)).toBe(200);
  });

  it('a token verified before (not verified again) still meets a disabled account at once, audited as revoked', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    expect((await me(u.token)).status).toBe(200); // verified by passport-jwt, then kept
    // Through the API, on this instance: refused on the very next request.
    const admin = await newUser(t, la.id, ['la_admin']);
    const current = await t.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
    const off = await t
      .req()
      .patch(`${API}/users/${u.id}`)
      .set(bearer(admin.token))
      .set('If-Match', current.headers.etag as string)
      .send({ active: false });
    expect(off.status).toBe(200);
    const refused = await me(u.token);
    expect(refused.status).toBe(401);
    await auditSettled(t);
    const rows: { reason: string }[] = await db
      .query(
        `SELECT reason FROM audit_event WHERE action = 'auth.token_rejected'
            AND metadata->>'claimedSubject' = $1`,
        [u.id],
      )
      .then((r) => r.rows);
    expect(rows.map((r) => r.reason)).toContain('revoked');
    // A forged copy of the kept token (last signature character changed) is not "known".
    const forged = u.token.slice(0, -2) + (u.token.endsWith('AA') ? 'BB' : 'AA');
    expect((await me(forged)).status).toBe(401);
  });

  it('a role changed elsewhere shows in the next requests', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    expect((await me(u.token)).body.roles).toEqual(['family_help_practitioner']);
    await db.query(`UPDATE app_user SET roles = '{auditor}' WHERE id = $1`, [u.id]);
    let roles: string[] = [];
    for (let i = 0; i < 40 && roles[0] !== 'auditor'; i++) {
      roles = (await me(u.token)).body.roles;
      if (roles[0] !== 'auditor') await new Promise((r) => setTimeout(r, 50));
    }
    expect(roles).toEqual(['auditor']);
  });

  it('with the listening connection killed, the cache is bypassed until it is back', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    expect((await me(u.token)).status).toBe(200);
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN tandem_principal%'`,
    );
    await new Promise((r) => setTimeout(r, 200)); // the app sees its connection end
    await db.query(`UPDATE app_user SET active = false WHERE id = $1`, [u.id]);
    expect((await me(u.token)).status).toBe(401);
  });
});
