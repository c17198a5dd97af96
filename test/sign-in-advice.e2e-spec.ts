/**
 * The start-up's sign-in advice reads the database: with the bootstrap administrator created it
 * says how to sign in (info); a deactivated administrator no longer counts.
 */
import { signInAdvice } from 'src/users/sign-in-advice';
import { UserService } from 'src/users/user.service';
import { createTestApp, TestApp } from './utils/create-app';
import { newWorld } from './utils/factories';
import { closeDb, db } from './utils/cp.factories';

describe('start-up sign-in advice (UserService.signInFacts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('platform_admin created from TANDEM_ADMIN_*: counted, and the advice says to sign in as it', async () => {
    const facts = await t.app.get(UserService).signInFacts();
    expect(facts.bootstrapAdminConfigured).toBe(true);
    expect(facts.platformAdmins).toBeGreaterThanOrEqual(1);
    const advice = signInAdvice('http://localhost:3000', facts);
    expect(advice.level).toBe('info');
    expect(advice.message).toContain('as TANDEM_ADMIN_EMAIL');
  });

  it('la_admin: counted while active, not once deactivated', async () => {
    const w = await newWorld(t);
    const before = await t.app.get(UserService).signInFacts();
    const c = await db(t);
    await c.query(`UPDATE app_user SET active = false WHERE id = $1`, [w.laAdmin.id]);
    const after = await t.app.get(UserService).signInFacts();
    expect(after.laAdmins).toBe(before.laAdmins - 1);
    expect(after.platformAdmins).toBe(before.platformAdmins);
  });
});
