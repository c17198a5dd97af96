import { Client } from 'pg';
import { createTestApp, TestApp } from './utils/create-app';
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
