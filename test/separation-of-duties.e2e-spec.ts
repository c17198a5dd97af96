import { randomUUID } from 'node:crypto';
import type { Role } from 'src/access/roles';
import { CASE_CONTENT_ROLES, PARTNER_EXCLUDED } from 'src/users/separation-of-duties';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newTeam,
  newUser,
  newWorld,
  PASSWORD,
  platformAdminToken,
  World,
} from './utils/factories';
import { closeDb, db, seedCase } from './utils/cp.factories';

/** Finding 1 (high) of the red-team pass: separation of duties. */
describe('separation of duties (finding 1)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const getUser = (id: string, token: string) =>
    t.req().get(`${API}/users/${id}`).set(bearer(token));
  const patchUser = async (id: string, token: string, body: object) => {
    const etag = (await getUser(id, w.laAdmin.token)).headers.etag as string;
    return t.req().patch(`${API}/users/${id}`).set(bearer(token)).set('If-Match', etag).send(body);
  };

  it('la_admin self-escalation: PATCH /users/{self} to case-reading roles → 403 self_administration, roles unchanged, no restricted case readable', async () => {
    const admin = await newUser(t, w.la.id, ['la_admin']);
    const res = await patchUser(admin.id, admin.token, {
      roles: ['la_admin', 'cp_manager', 'ecpp', 'auditor', 'family_help_manager'],
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'self_administration' });
    expect((await getUser(admin.id, w.laAdmin.token)).body.roles).toEqual(['la_admin']);
    const kase = await seedCase(t, w, { restricted: true });
    expect((await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(admin.token))).status).toBe(
      403,
    );
    expect((await t.req().get(`${API}/audit-events`).set(bearer(admin.token))).status).toBe(403);
  });

  it.each<[string, object]>([
    ['roles (even harmless ones)', { roles: ['la_admin', 'trainer'] }],
    ['active flag', { active: false }],
  ])('nobody changes their own %s: 403 self_administration', async (_what, body) => {
    const admin = await newUser(t, w.la.id, ['la_admin']);
    const res = await patchUser(admin.id, admin.token, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('self_administration');
    const after = (await getUser(admin.id, w.laAdmin.token)).body;
    expect(after).toMatchObject({ roles: ['la_admin'], active: true, version: 1 });
  });

  it('an la_admin may still change its own name (not a privilege)', async () => {
    const admin = await newUser(t, w.la.id, ['la_admin']);
    const res = await patchUser(admin.id, admin.token, {
      name: 'Renamed Admin',
      roles: ['la_admin'],
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Renamed Admin');
  });

  it('nobody changes their own team memberships: la_admin joining the child-protection team → 403', async () => {
    const res = await t
      .req()
      .post(`${API}/teams/${w.cpTeam.id}/members`)
      .set(bearer(w.laAdmin.token))
      .send({ userId: w.laAdmin.id, profession: 'social_worker' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('self_administration');
    const members = (await t.req().get(`${API}/teams/${w.cpTeam.id}`).set(bearer(w.laAdmin.token)))
      .body.members as { userId: string }[];
    expect(members.map((m) => m.userId)).not.toContain(w.laAdmin.id);
  });

  const conflicting: [Role, Role][] = [
    ...CASE_CONTENT_ROLES.map((r): [Role, Role] => ['la_admin', r]),
    ...CASE_CONTENT_ROLES.map((r): [Role, Role] => ['auditor', r]),
    ['la_admin', 'auditor'],
    ...PARTNER_EXCLUDED.map((r): [Role, Role] => ['partner', r]),
  ];

  it('the case-content roles are the ones that read case content', () => {
    expect([...CASE_CONTENT_ROLES]).toEqual(
      [
        'cp_manager',
        'ecpp',
        'family_help_manager',
        'family_help_practitioner',
        'macpt_member',
        'partner',
        'service_manager',
        'fgdm_coordinator',
      ].sort(),
    );
  });

  it.each(conflicting)(
    'role conflict on create: %s + %s → 400 role_conflict naming both (platform admin and la_admin alike)',
    async (a, b) => {
      for (const token of [await platformAdminToken(t), w.laAdmin.token]) {
        const email = `sod-${randomUUID().slice(0, 8)}@tandem.test`;
        const res = await t
          .req()
          .post(`${API}/users`)
          .set(bearer(token))
          .send({
            email,
            name: 'Conflicted',
            password: PASSWORD,
            roles: [a, b],
            localAuthorityId: w.la.id,
            ...(a === 'partner' || b === 'partner' ? { agency: 'police' } : {}),
          });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('role_conflict');
        expect(res.body.errors[0].field).toBe('roles');
        expect(res.body.errors[0].message).toContain(`${a} + ${b}`);
        const rows = (await (await db(t)).query(`SELECT 1 FROM app_user WHERE email = $1`, [email]))
          .rows;
        expect(rows).toHaveLength(0);
      }
    },
  );

  it.each(conflicting)(
    'role conflict on update: another la_admin adding %s to a %s → 400 role_conflict, unchanged',
    async (a, b) => {
      const target = await newUser(t, w.la.id, [b], b === 'partner' ? { agency: 'police' } : {});
      const res = await patchUser(target.id, w.laAdmin.token, { roles: [b, a] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('role_conflict');
      expect((await getUser(target.id, w.laAdmin.token)).body.roles).toEqual([b]);
    },
  );

  it("a cp_manager cannot assign themselves as the case's ECPP (a second person decides who decides): 403 self_assignment", async () => {
    const both = await newUser(t, w.la.id, ['cp_manager', 'ecpp']);
    await newTeam(t, w.laAdmin, 'child_protection', [{ user: both }]);
    const kase = await seedCase(t, w);
    const self = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/co-workers`)
      .set(bearer(both.token))
      .send({ userId: both.id });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('self_assignment');
    const rows = (
      await (await db(t)).query(`SELECT 1 FROM case_co_worker WHERE case_id = $1`, [kase.caseId])
    ).rows;
    expect(rows).toHaveLength(0);
    // Another CP manager may assign that person.
    const other = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/co-workers`)
      .set(bearer(w.cpManager.token))
      .send({ userId: both.id });
    expect(other.status).toBe(201);
  });

  it('role and membership changes are audited with before/after and listed for auditors as privileged events', async () => {
    const target = await newUser(t, w.la.id, ['family_help_practitioner']);
    const upd = await patchUser(target.id, w.laAdmin.token, {
      roles: ['family_help_manager'],
      name: 'Promoted',
    });
    expect(upd.status).toBe(200);
    const renamed = await patchUser(target.id, w.laAdmin.token, { name: 'Just a rename' });
    expect(renamed.status).toBe(200);
    const team = await newTeam(t, w.laAdmin, 'family_help');
    const add = await t
      .req()
      .post(`${API}/teams/${team.id}/members`)
      .set(bearer(w.laAdmin.token))
      .send({ userId: target.id, profession: 'manager' });
    expect(add.status).toBe(201);

    const list = await t
      .req()
      .get(`${API}/audit-events?privileged=true&limit=200`)
      .set(bearer(w.auditor.token));
    expect(list.status).toBe(200);
    const events = list.body.data as {
      action: string;
      recordId: string;
      changes: Record<string, { before: unknown; after: unknown }> | null;
      metadata: Record<string, unknown> | null;
    }[];
    const roleChange = events.find((e) => e.action === 'user.update' && e.recordId === target.id);
    expect(roleChange?.changes?.roles).toEqual({
      before: ['family_help_practitioner'],
      after: ['family_help_manager'],
    });
    const membership = events.find((e) => e.action === 'team.member_add' && e.recordId === team.id);
    expect(membership?.changes?.membership).toEqual({
      before: null,
      after: { userId: target.id, teamKind: 'family_help', profession: 'manager' },
    });
    expect(events.some((e) => e.action === 'user.create' && e.recordId === target.id)).toBe(true);
    // A plain rename is not privileged.
    expect(
      events.filter((e) => e.action === 'user.update' && e.recordId === target.id),
    ).toHaveLength(1);
    const others = await t
      .req()
      .get(`${API}/audit-events?privileged=false&recordId=${target.id}`)
      .set(bearer(w.auditor.token));
    expect(others.body.data.map((e: { action: string }) => e.action)).toContain('user.update');
    expect(
      (await t.req().get(`${API}/audit-events?privileged=yes`).set(bearer(w.auditor.token))).status,
    ).toBe(400);
  });
});
