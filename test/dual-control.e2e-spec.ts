import { randomUUID } from 'node:crypto';
import type { Role } from 'src/access/roles';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  approveAsPlatform,
  bearer,
  login,
  newLa,
  newUser,
  newWorld,
  PASSWORD,
  platformAdminToken,
  TestUser,
  World,
} from './utils/factories';
import { closeDb, db, seedCase } from './utils/cp.factories';

/**
 * Separation of duties through API clients and second accounts: what one LA administrator may
 * not grant alone (docs/security.md, "Dual control").
 */
describe('dual control for power', () => {
  let t: TestApp;
  let w: World;
  let admin2: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    admin2 = await newUser(t, w.la.id, ['la_admin']);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await (await db(t)).query(text, params)).rows as T[];
  const auditOf = async (action: string, recordId: string) => {
    await t.app.get((await import('src/audit/audit.service')).AuditService).flush();
    return q<{ actor_id: string; metadata: Record<string, unknown> }>(
      `SELECT actor_id, metadata FROM audit_event WHERE action = $1 AND record_id = $2 ORDER BY id`,
      [action, recordId],
    );
  };
  const clientToken = async (c: { clientId: string; clientSecret: string }, scope?: string) =>
    t
      .req()
      .post(`${API}/auth/token`)
      .send({
        grant_type: 'client_credentials',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        ...(scope ? { scope } : {}),
      });
  const createClient = (token: string, scopes: string[]) =>
    t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(token))
      .send({ name: `client ${randomUUID().slice(0, 6)}`, scopes });
  const approve = (token: string, id: string) =>
    t.req().post(`${API}/approvals/${id}/approve`).set(bearer(token));
  const refuse = (token: string, id: string) =>
    t.req().post(`${API}/approvals/${id}/refuse`).set(bearer(token)).send({ reason: 'No' });

  describe('API client scopes', () => {
    it('export:read grants the exports only: its client reads no case, family, decision or document', async () => {
      const created = await createClient(w.laAdmin.token, ['export:read']);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ scopes: ['export:read'], pendingApproval: null });
      const tok = await clientToken(created.body);
      expect(tok.status).toBe(200);
      const bearerTok = bearer(tok.body.access_token as string);
      const kase = await seedCase(t, w);
      for (const path of [
        `/cases/${kase.caseId}`,
        `/cases/${kase.caseId}/timeline`,
        `/families/${kase.familyId}`,
        '/cases',
      ]) {
        const res = await t.req().get(`${API}${path}`).set(bearerTok);
        expect([path, res.status]).toEqual([path, 403]);
      }
      const census = await t.req().get(`${API}/exports/cin-census?year=2026`).set(bearerTok);
      expect(census.status).not.toBe(403);
    });

    it.each([
      ['cases:read'],
      ['cases:write'],
      ['families:read'],
      ['families:write'],
      ['evaluation:read'],
    ])(
      'la_admin: a client scope beyond its own permissions (%s) is asked for, not granted, until a second approver approves',
      async (scope) => {
        const created = await createClient(w.laAdmin.token, ['events:read', scope]);
        expect(created.status).toBe(201);
        expect(created.body.scopes).toEqual(['events:read']);
        expect(created.body.pendingApproval).toMatchObject({
          kind: 'api_client.scopes',
          status: 'pending',
          requestedById: w.laAdmin.id,
          summary: { apiClientId: created.body.id, scopes: [scope] },
        });
        // The client cannot ask for the scope, and its default token does not carry it.
        expect((await clientToken(created.body, scope)).status).toBe(400);
        const tok = await clientToken(created.body);
        expect(tok.body.scope).toBe('events:read');
        // api_client.create is a privileged audit event naming the scopes granted and asked.
        const [row] = await auditOf('api_client.create', created.body.id as string);
        expect(row.metadata).toMatchObject({
          privileged: true,
          scopes: ['events:read'],
          scopesAsked: [scope],
        });
      },
    );

    it('la_admin cannot read case content through a client it registered alone: the case routes answer 403 until a second la_admin approves', async () => {
      const kase = await seedCase(t, w);
      const created = await createClient(w.laAdmin.token, ['cases:read']);
      expect(created.body.scopes).toEqual([]);
      const before = await clientToken(created.body);
      expect(
        (
          await t
            .req()
            .get(`${API}/cases/${kase.caseId}`)
            .set(bearer(before.body.access_token as string))
        ).status,
      ).toBe(403);
      // The requester may not approve its own request.
      const own = await approve(w.laAdmin.token, created.body.pendingApproval.id as string);
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('second_approver_required');
      const approved = await approve(admin2.token, created.body.pendingApproval.id as string);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedById: admin2.id,
        resultId: created.body.id,
      });
      const after = await clientToken(created.body);
      expect(after.body.scope).toBe('cases:read');
      const read = await t
        .req()
        .get(`${API}/cases/${kase.caseId}`)
        .set(bearer(after.body.access_token as string));
      expect(read.status).toBe(200);
      const [grant] = await auditOf('api_client.scopes_grant', created.body.id as string);
      expect(grant.actor_id).toBe(admin2.id);
      expect(grant.metadata).toMatchObject({
        privileged: true,
        scopes: ['cases:read'],
        requestedById: w.laAdmin.id,
      });
      const [decision] = await auditOf('approval.approve', created.body.pendingApproval.id);
      expect(decision.metadata).toMatchObject({ privileged: true, scopes: ['cases:read'] });
    });

    it('a refused scope request grants nothing, and a decided request cannot be decided again (409)', async () => {
      const created = await createClient(w.laAdmin.token, ['cases:write']);
      const id = created.body.pendingApproval.id as string;
      const refused = await refuse(admin2.token, id);
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ status: 'refused', reason: 'No' });
      expect((await approve(await platformAdminToken(t), id)).status).toBe(409);
      const [c] = await q<{ scopes: string[] }>(`SELECT scopes FROM api_client WHERE id = $1`, [
        created.body.id,
      ]);
      expect(c.scopes).toEqual([]);
    });

    it('la_admin: PATCH scopes narrows at once, and adding a case-content scope waits for a second approver', async () => {
      const created = await createClient(w.laAdmin.token, ['export:read', 'events:read']);
      const patched = await t
        .req()
        .patch(`${API}/api-clients/${created.body.id}`)
        .set(bearer(w.laAdmin.token))
        .set('If-Match', `"${created.body.version}"`)
        .send({ scopes: ['events:read', 'cases:read'] });
      expect(patched.status).toBe(200);
      expect(patched.body.scopes).toEqual(['events:read']);
      expect(patched.body.pendingApproval).toMatchObject({
        kind: 'api_client.scopes',
        summary: { scopes: ['cases:read'] },
      });
      const [update] = await auditOf('api_client.update', created.body.id as string);
      expect(update.metadata).toMatchObject({
        privileged: true,
        scopes: ['events:read'],
        scopesAsked: ['cases:read'],
      });
    });
  });

  describe('API client credentials', () => {
    const me = (token: string) => t.req().get(`${API}/auth/me`).set(bearer(token));
    const setActive = (id: string, version: number, active: boolean) =>
      t
        .req()
        .patch(`${API}/api-clients/${id}`)
        .set(bearer(w.laAdmin.token))
        .set('If-Match', `"${version}"`)
        .send({ active });

    it('la_admin: re-enabling a revoked client does not revive its old tokens; a new token works', async () => {
      const created = await createClient(w.laAdmin.token, ['events:read']);
      const old = (await clientToken(created.body)).body.access_token as string;
      expect((await me(old)).status).toBe(200);
      const off = await setActive(created.body.id as string, 1, false);
      expect(off.status).toBe(200);
      expect((await me(old)).status).toBe(401);
      expect((await setActive(created.body.id as string, 2, true)).status).toBe(200);
      expect((await me(old)).status).toBe(401);
      const fresh = (await clientToken(created.body)).body.access_token as string;
      expect((await me(fresh)).status).toBe(200);
    });

    it('la_admin rotates a client secret: the new secret is shown once, the old secret and old tokens stop, a privileged audit event without the secret', async () => {
      const created = await createClient(w.laAdmin.token, ['events:read']);
      const old = (await clientToken(created.body)).body.access_token as string;
      const rotated = await t
        .req()
        .post(`${API}/api-clients/${created.body.id}/secret`)
        .set(bearer(w.laAdmin.token));
      expect(rotated.status).toBe(200);
      expect(rotated.body.clientSecret).toEqual(expect.any(String));
      expect(rotated.body.clientSecret).not.toBe(created.body.clientSecret);
      expect((await me(old)).status).toBe(401);
      expect((await clientToken(created.body)).status).toBe(401);
      const fresh = await clientToken({ ...created.body, clientSecret: rotated.body.clientSecret });
      expect(fresh.status).toBe(200);
      const [row] = await auditOf('api_client.secret_rotate', created.body.id as string);
      expect(row.metadata).toMatchObject({ privileged: true });
      expect(JSON.stringify(row)).not.toContain(rotated.body.clientSecret);
      // Another LA's admin: 404.
      const otherAdmin = await newUser(t, (await newLa(t)).id, ['la_admin']);
      expect(
        (
          await t
            .req()
            .post(`${API}/api-clients/${created.body.id}/secret`)
            .set(bearer(otherAdmin.token))
        ).status,
      ).toBe(404);
    });
  });

  describe('users, roles and child-protection membership', () => {
    const userBody = (roles: Role[]) => ({
      email: `dc-${randomUUID().slice(0, 8)}@tandem.test`,
      name: 'New colleague',
      password: PASSWORD,
      roles,
      localAuthorityId: w.la.id,
    });

    it.each<[Role]>([['la_admin'], ['ecpp'], ['cp_manager']])(
      'la_admin creating a %s: 202 with a pending approval, no account until a second la_admin approves',
      async (role) => {
        const body = userBody([role]);
        const res = await t.req().post(`${API}/users`).set(bearer(w.laAdmin.token)).send(body);
        expect(res.status).toBe(202);
        expect(res.headers.location).toBe(`/api/v1/approvals/${res.body.id}`);
        expect(res.body).toMatchObject({
          kind: 'user.create',
          status: 'pending',
          summary: { email: body.email, roles: [role] },
        });
        expect(JSON.stringify(res.body)).not.toContain('argon2');
        expect(await q(`SELECT 1 FROM app_user WHERE email = $1`, [body.email])).toHaveLength(0);
        const [asked] = await auditOf('approval.request', res.body.id as string);
        expect(asked.metadata).toMatchObject({ privileged: true, roles: [role] });
        // The requester cannot approve; another la_admin can.
        expect((await approve(w.laAdmin.token, res.body.id as string)).status).toBe(403);
        const ok = await approve(admin2.token, res.body.id as string);
        expect(ok.status).toBe(200);
        expect(await login(t, body.email, PASSWORD)).toEqual(expect.any(String));
        const [created] = await auditOf('user.create', ok.body.resultId as string);
        expect(created.actor_id).toBe(admin2.id);
        expect(created.metadata).toMatchObject({
          privileged: true,
          roles: [role],
          approvalId: res.body.id,
          requestedById: w.laAdmin.id,
        });
        // The password's hash does not outlive the decision in the approval.
        const [row] = await q<{ payload: object }>(
          `SELECT payload FROM approval_request WHERE id = $1`,
          [res.body.id],
        );
        expect(row.payload).not.toHaveProperty('passwordHash');
      },
    );

    it.each<[Role]>([['family_help_practitioner'], ['auditor'], ['trainer'], ['partner']])(
      'la_admin creating a %s: 201 at once, a privileged audit event naming the roles',
      async (role) => {
        const res = await t
          .req()
          .post(`${API}/users`)
          .set(bearer(w.laAdmin.token))
          .send({ ...userBody([role]), ...(role === 'partner' ? { agency: 'police' } : {}) });
        expect(res.status).toBe(201);
        const [row] = await auditOf('user.create', res.body.id as string);
        expect(row.metadata).toMatchObject({ privileged: true, roles: [role] });
      },
    );

    it('platform admin creating an la_admin (an LA has nobody else to ask first): 201 at once, privileged, naming the roles', async () => {
      const res = await t
        .req()
        .post(`${API}/users`)
        .set(bearer(await platformAdminToken(t)))
        .send(userBody(['la_admin']));
      expect(res.status).toBe(201);
      const [row] = await auditOf('user.create', res.body.id as string);
      expect(row.metadata).toMatchObject({ privileged: true, roles: ['la_admin'] });
    });

    it('la_admin granting ecpp to a practitioner: 202, roles unchanged until another la_admin approves; the change names the roles and the requester', async () => {
      const target = await newUser(t, w.la.id, ['family_help_practitioner']);
      const other = await newUser(t, w.la.id, ['la_admin']);
      const res = await t
        .req()
        .patch(`${API}/users/${target.id}`)
        .set(bearer(w.laAdmin.token))
        .set('If-Match', '"1"')
        .send({ roles: ['ecpp'] });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        kind: 'user.roles',
        subjectUserId: target.id,
        summary: { roles: ['ecpp'], granted: ['ecpp'] },
      });
      const [u] = await q<{ roles: string[] }>(`SELECT roles FROM app_user WHERE id = $1`, [
        target.id,
      ]);
      expect(u.roles).toEqual(['family_help_practitioner']);
      const ok = await approve(other.token, res.body.id as string);
      expect(ok.status).toBe(200);
      const [after] = await q<{ roles: string[] }>(`SELECT roles FROM app_user WHERE id = $1`, [
        target.id,
      ]);
      expect(after.roles).toEqual(['ecpp']);
      const rows = await auditOf('user.update', target.id);
      expect(rows[rows.length - 1].metadata).toMatchObject({
        privileged: true,
        roles: ['ecpp'],
        rolesBefore: ['family_help_practitioner'],
        requestedById: w.laAdmin.id,
      });
    });

    it('la_admin: the account a grant empowers may not approve it (a second la_admin put on the child-protection team)', async () => {
      const b = await newUser(t, w.la.id, ['la_admin']);
      const res = await t
        .req()
        .post(`${API}/teams/${w.cpTeam.id}/members`)
        .set(bearer(w.laAdmin.token))
        .send({ userId: b.id, profession: 'manager' });
      expect(res.status).toBe(202);
      const bySubject = await approve(b.token, res.body.id as string);
      expect(bySubject.status).toBe(403);
      expect(bySubject.body.code).toBe('second_approver_required');
      expect(bySubject.body.detail).toContain('grants power to you');
      const [row] = await q<{ status: string }>(
        `SELECT status FROM approval_request WHERE id = $1`,
        [res.body.id],
      );
      expect(row.status).toBe('pending');
    });

    it('la_admin adding a member to a child-protection team: 202, not a member until approved; a Family Help team: 201 at once', async () => {
      const ecpp = await newUser(t, w.la.id, ['ecpp']);
      const res = await t
        .req()
        .post(`${API}/teams/${w.cpTeam.id}/members`)
        .set(bearer(w.laAdmin.token))
        .send({ userId: ecpp.id, profession: 'social_worker' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        kind: 'team.member',
        subjectUserId: ecpp.id,
        summary: { teamId: w.cpTeam.id, teamKind: 'child_protection' },
      });
      const members = async () =>
        (
          await q(`SELECT 1 FROM team_member WHERE team_id = $1 AND user_id = $2`, [
            w.cpTeam.id,
            ecpp.id,
          ])
        ).length;
      expect(await members()).toBe(0);
      await approveAsPlatform(t, res.body.id as string);
      expect(await members()).toBe(1);
      const fh = await newUser(t, w.la.id, ['family_help_practitioner']);
      const direct = await t
        .req()
        .post(`${API}/teams/${w.fhTeam.id}/members`)
        .set(bearer(w.laAdmin.token))
        .send({ userId: fh.id, profession: 'social_worker' });
      expect(direct.status).toBe(201);
    });

    it("an approval of another LA is a 404 to its la_admin (and the list shows only the caller's LA)", async () => {
      const other = await newLa(t);
      const otherAdmin = await newUser(t, other.id, ['la_admin']);
      const res = await t
        .req()
        .post(`${API}/users`)
        .set(bearer(w.laAdmin.token))
        .send(userBody(['ecpp']));
      expect(res.status).toBe(202);
      for (const r of [
        await approve(otherAdmin.token, res.body.id as string),
        await refuse(otherAdmin.token, res.body.id as string),
        await t.req().get(`${API}/approvals/${res.body.id}`).set(bearer(otherAdmin.token)),
      ])
        expect(r.status).toBe(404);
      const list = await t
        .req()
        .get(`${API}/approvals?status=pending`)
        .set(bearer(otherAdmin.token));
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([]);
      const mine = await t.req().get(`${API}/approvals?status=pending`).set(bearer(admin2.token));
      expect((mine.body.data as { id: string }[]).map((a) => a.id)).toContain(res.body.id);
    });

    it.each<[string, () => TestUser]>([
      ['family_help_manager', () => w.manager],
      ['cp_manager', () => w.cpManager],
      ['auditor', () => w.auditor],
      ['ecpp', () => w.ecpp],
    ])('%s may not read or decide approvals (403)', async (_role, who) => {
      const res = await t
        .req()
        .post(`${API}/users`)
        .set(bearer(w.laAdmin.token))
        .send(userBody(['cp_manager']));
      expect((await approve(who().token, res.body.id as string)).status).toBe(403);
      expect((await t.req().get(`${API}/approvals`).set(bearer(who().token))).status).toBe(403);
    });
  });

  describe('accounts made by one person acting together', () => {
    const sharedCreatorEvents = async (caseId: string) => {
      await t.app.get((await import('src/audit/audit.service')).AuditService).flush();
      const res = await t
        .req()
        .get(`${API}/security-events?action=security.shared_creator`)
        .set(bearer(await platformAdminToken(t)));
      expect(res.status).toBe(200);
      return (res.body.data as { recordId: string; metadata: Record<string, unknown> }[]).filter(
        (e) => e.recordId === caseId,
      );
    };
    /** An account the given admin creates (no power role: created at once), put on the
     * world's Family Help team by the world's la_admin. */
    const madeBy = async (admin: TestUser) => {
      const email = `pair-${randomUUID().slice(0, 8)}@tandem.test`;
      const res = await t
        .req()
        .post(`${API}/users`)
        .set(bearer(admin.token))
        .send({
          email,
          name: 'Pair',
          password: PASSWORD,
          roles: ['family_help_practitioner'],
          localAuthorityId: w.la.id,
        });
      expect(res.status).toBe(201);
      const add = await t
        .req()
        .post(`${API}/teams/${w.fhTeam.id}/members`)
        .set(bearer(admin === w.laAdmin ? admin2.token : w.laAdmin.token))
        .send({ userId: res.body.id, profession: 'social_worker' });
      expect(add.status).toBe(201);
      return { id: res.body.id as string, token: await login(t, email, PASSWORD) };
    };
    const note = (caseId: string, token: string) =>
      t.req().post(`${API}/cases/${caseId}/notes`).set(bearer(token)).send({ body: 'Visit.' });

    it('two accounts one la_admin created within 30 days both write to a case: one security.shared_creator security event naming the creator and both accounts', async () => {
      const a = await madeBy(w.laAdmin);
      const b = await madeBy(w.laAdmin);
      const kase = await seedCase(t, w);
      expect((await note(kase.caseId, a.token)).status).toBe(201);
      expect(await sharedCreatorEvents(kase.caseId)).toEqual([]);
      expect((await note(kase.caseId, b.token)).status).toBe(201);
      expect((await note(kase.caseId, a.token)).status).toBe(201);
      const events = await sharedCreatorEvents(kase.caseId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'security.shared_creator',
        outcome: 'flagged',
        metadata: { creatorId: w.laAdmin.id, accountIds: [a.id, b.id] },
      });
    });

    it('accounts made by two different la_admins (or by the platform) writing to one case raise nothing', async () => {
      const a = await madeBy(w.laAdmin);
      const b = await madeBy(admin2);
      const kase = await seedCase(t, w);
      for (const token of [a.token, b.token, w.practitioner.token, w.manager.token])
        expect((await note(kase.caseId, token)).status).toBe(201);
      expect(await sharedCreatorEvents(kase.caseId)).toEqual([]);
    });

    it('accounts older than 30 days do not count', async () => {
      const a = await madeBy(w.laAdmin);
      const b = await madeBy(w.laAdmin);
      await q(`UPDATE app_user SET created_at = now() - interval '31 days' WHERE id = ANY($1)`, [
        [a.id, b.id],
      ]);
      const kase = await seedCase(t, w);
      for (const token of [a.token, b.token])
        expect((await note(kase.caseId, token)).status).toBe(201);
      expect(await sharedCreatorEvents(kase.caseId)).toEqual([]);
    });
  });
});
