import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newLa,
  newTeam,
  newUser,
  newWorld,
  World,
  approvePending,
} from './utils/factories';
import { auditRows, newCase, newFamily, seedCoWorker, sql } from './utils/case.factories';

describe('cases', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const post = (token: string, body: object) =>
    t.req().post(`${API}/cases`).set(bearer(token)).send(body);

  describe('POST /cases', () => {
    it('opens a case in family_help with ETag, timeline case_created and an audit row', async () => {
      const f = await newFamily(t, w.practitioner, { children: 2 });
      const res = await post(w.practitioner.token, {
        familyId: f.id,
        teamId: w.fhTeam.id,
        leadPractitionerId: w.practitioner.id,
        childIds: f.childIds,
        referral: { date: '2026-11-02', source: '3B' },
      });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        stage: 'family_help',
        familyId: f.id,
        teamId: w.fhTeam.id,
        leadPractitionerId: w.practitioner.id,
        coWorkers: [],
        restricted: false,
        version: 1,
        referral: {
          date: '2026-11-02',
          source: '3B',
          sourceLabel: 'Health services: Health visitor',
        },
        closure: null,
      });
      expect([...res.body.childIds].sort()).toEqual([...f.childIds].sort());
      const tl = await t
        .req()
        .get(`${API}/cases/${res.body.id}/timeline`)
        .set(bearer(w.practitioner.token));
      expect(tl.status).toBe(200);
      expect(tl.body.data).toHaveLength(1);
      expect(tl.body.data[0]).toMatchObject({ type: 'case_created', actorId: w.practitioner.id });
      expect(tl.body.data[0].summary).toContain('3B');
      const audit = await auditRows(t, { recordId: res.body.id, action: 'case.create' });
      expect(audit).toHaveLength(1);
      expect([...audit[0].child_ids].sort()).toEqual([...f.childIds].sort());
    });

    it('400 naming the field for each invalid reference or value; nothing written', async () => {
      const f = await newFamily(t, w.practitioner, { children: 1 });
      const other = await newFamily(t, w.practitioner, { children: 1 });
      const la2 = await newLa(t);
      const p2 = await newUser(t, la2.id, ['family_help_practitioner']);
      const foreign = await newFamily(t, p2);
      const ok = {
        familyId: f.id,
        teamId: w.fhTeam.id,
        leadPractitionerId: w.practitioner.id,
        childIds: f.childIds,
        referral: { date: '2026-11-02', source: '2A' },
      };
      const bad: [object, string][] = [
        [{ ...ok, familyId: foreign.id }, 'familyId'],
        [{ ...ok, familyId: randomUUID() }, 'familyId'],
        [{ ...ok, teamId: w.cpTeam.id }, 'teamId'],
        [{ ...ok, leadPractitionerId: w.otherPractitioner.id }, 'leadPractitionerId'],
        [{ ...ok, leadPractitionerId: w.ecpp.id }, 'leadPractitionerId'],
        [{ ...ok, childIds: other.childIds }, 'childIds'],
        [{ ...ok, childIds: f.adultIds }, 'childIds'],
        [{ ...ok, childIds: [] }, 'childIds'],
        [{ ...ok, referral: { date: '2999-01-01', source: '2A' } }, 'referral.date'],
        [{ ...ok, referral: { date: '2026-11-02', source: '11' } }, 'referral.source'],
        [{ ...ok, referral: undefined }, 'referral'],
        [{ ...ok, stage: 'child_protection' }, 'stage'],
      ];
      for (const [body, field] of bad) {
        const res = await post(w.practitioner.token, body);
        expect({
          status: res.status,
          fields: res.body.errors?.map((e: { field: string }) => e.field),
        }).toEqual({
          status: 400,
          fields: expect.arrayContaining([field]),
        });
      }
      expect(await sql(t, `SELECT 1 FROM case_record WHERE family_id = $1`, [f.id])).toHaveLength(
        0,
      );
    });

    it('a practitioner opens cases only for a team they belong to (400 teamId); nothing written', async () => {
      const family = await newFamily(t, w.otherPractitioner);
      const before = await sql(
        t,
        `SELECT count(*)::int AS n FROM case_record WHERE family_id = $1`,
        [family.id],
      );
      const res = await post(w.otherPractitioner.token, {
        familyId: family.id,
        teamId: w.fhTeam.id,
        leadPractitionerId: w.practitioner.id,
        childIds: family.childIds,
        referral: { date: '2026-10-01', source: '2A' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'teamId' })]);
      const after = await sql(
        t,
        `SELECT count(*)::int AS n FROM case_record WHERE family_id = $1`,
        [family.id],
      );
      expect(after).toEqual(before);
    });

    it('403 for roles without case.create (ecpp, cp_manager, la_admin, auditor)', async () => {
      const f = await newFamily(t, w.practitioner);
      for (const u of [w.ecpp, w.cpManager, w.laAdmin, w.auditor]) {
        const res = await post(u.token, {
          familyId: f.id,
          teamId: w.fhTeam.id,
          leadPractitionerId: w.practitioner.id,
          childIds: f.childIds,
          referral: { date: '2026-11-02', source: '2A' },
        });
        expect(res.status).toBe(403);
      }
    });
  });

  describe('GET /cases/:id', () => {
    it('returns the case with co-workers and ETag; the read is audited with childIds', async () => {
      const c = await newCase(t, w, { children: 2 });
      await seedCoWorker(t, c.id, w.ecpp, w.cpManager);
      const res = await t.req().get(`${API}/cases/${c.id}`).set(bearer(w.ecpp.token));
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.coWorkers).toEqual([
        { userId: w.ecpp.id, name: 'ecpp user', role: 'ecpp', assignedAt: expect.any(String) },
      ]);
      const audit = await auditRows(t, { recordId: c.id, action: 'case.read' });
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toBe(w.ecpp.id);
      expect([...audit[0].child_ids].sort()).toEqual([...c.childIds].sort());
    });

    it('403 for la_admin, auditor, trainer (no case.read); 404 for another LA', async () => {
      const c = await newCase(t, w);
      for (const u of [w.laAdmin, w.auditor, w.trainer])
        expect((await t.req().get(`${API}/cases/${c.id}`).set(bearer(u.token))).status).toBe(403);
      const w2 = await newWorld(t);
      const res = await t.req().get(`${API}/cases/${c.id}`).set(bearer(w2.manager.token));
      expect(res.status).toBe(404);
      expect(res.body.detail).toBe('Case not found');
    });

    it('restricted: 404 for a non-assigned practitioner (audited as denied); visible to lead, co-worker, team manager, cp_manager', async () => {
      const c = await newCase(t, w, { restricted: true });
      await seedCoWorker(t, c.id, w.ecpp, w.cpManager);
      for (const u of [w.otherPractitioner, w.ecpp2]) {
        const res = await t.req().get(`${API}/cases/${c.id}`).set(bearer(u.token));
        expect(res.status).toBe(404);
        const denied = await auditRows(t, { recordId: c.id, actorId: u.id });
        expect(denied).toEqual([
          expect.objectContaining({
            action: 'case.read',
            outcome: 'denied',
            reason: 'restricted case',
          }),
        ]);
        expect([...denied[0].child_ids].sort()).toEqual([...c.childIds].sort());
      }
      for (const u of [w.practitioner, w.ecpp, w.manager, w.cpManager])
        expect((await t.req().get(`${API}/cases/${c.id}`).set(bearer(u.token))).status).toBe(200);
    });

    it("restricted: the case's family (its children) is hidden too, from reads and searches", async () => {
      const lastName = `Hidden${randomUUID().slice(0, 6)}`;
      const family = await newFamily(t, w.practitioner, { lastName });
      const c = await newCase(t, w, { restricted: true, family });
      const search = (token: string) =>
        t.req().get(`${API}/families`).query({ search: lastName }).set(bearer(token));
      const read = await t
        .req()
        .get(`${API}/families/${family.id}`)
        .set(bearer(w.otherPractitioner.token));
      expect(read.status).toBe(404);
      expect((await search(w.otherPractitioner.token)).body.data).toEqual([]);
      const denied = await auditRows(t, { recordId: family.id, actorId: w.otherPractitioner.id });
      expect(denied).toEqual([
        expect.objectContaining({
          action: 'family.read',
          outcome: 'denied',
          reason: 'family of a restricted case',
        }),
      ]);
      // Adding a member to the hidden family is refused the same way, and writes nothing.
      const add = await t
        .req()
        .post(`${API}/families/${family.id}/members`)
        .set(bearer(w.otherPractitioner.token))
        .send({ kind: 'child', firstName: 'New', lastName });
      expect(add.status).toBe(404);
      for (const u of [w.practitioner, w.manager, w.cpManager]) {
        expect(
          (await t.req().get(`${API}/families/${family.id}`).set(bearer(u.token))).status,
        ).toBe(200);
        expect((await search(u.token)).body.data.map((f: { id: string }) => f.id)).toEqual([
          family.id,
        ]);
      }
      expect(c.familyId).toBe(family.id);
    });
  });

  describe('GET /cases (list)', () => {
    it('filters by team, stage and lead; LA-scoped; walks every page once; each listed case audited', async () => {
      const w3 = await newWorld(t);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await newCase(t, w3)).id);
      const otherTeam = await newCase(t, w3, {
        by: w3.otherPractitioner,
        teamId: w3.otherFhTeam.id,
        lead: w3.otherPractitioner,
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const r = await t
          .req()
          .get(`${API}/cases`)
          .query({ teamId: w3.fhTeam.id, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(w3.manager.token));
        expect(r.status).toBe(200);
        seen.push(...r.body.data.map((c: { id: string }) => c.id));
        cursor = r.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());

      const byLead = await t
        .req()
        .get(`${API}/cases`)
        .query({ leadPractitionerId: w3.otherPractitioner.id })
        .set(bearer(w3.practitioner.token));
      expect(byLead.body.data.map((c: { id: string }) => c.id)).toEqual([otherTeam.id]);
      const all = await t.req().get(`${API}/cases`).set(bearer(w3.ecpp.token));
      expect(all.body.data).toHaveLength(6);
      const closed = await t
        .req()
        .get(`${API}/cases`)
        .query({ stage: 'closed' })
        .set(bearer(w3.manager.token));
      expect(closed.body.data).toEqual([]);
      const otherLa = await t
        .req()
        .get(`${API}/cases`)
        .query({ teamId: w3.fhTeam.id })
        .set(bearer(w.manager.token));
      expect(otherLa.body.data).toEqual([]);

      const listed = await sql(
        t,
        `SELECT record_id FROM audit_event WHERE action = 'case.list' AND actor_id = $1`,
        [w3.ecpp.id],
      );
      expect(listed.map((r) => r.record_id).sort()).toEqual([...ids, otherTeam.id].sort());
    });

    it('hides restricted cases from those who may not open them', async () => {
      const w4 = await newWorld(t);
      const open = await newCase(t, w4);
      const restricted = await newCase(t, w4, { restricted: true });
      const idsFor = async (token: string) =>
        (await t.req().get(`${API}/cases`).set(bearer(token))).body.data.map(
          (c: { id: string }) => c.id,
        );
      expect(await idsFor(w4.otherPractitioner.token)).toEqual([open.id]);
      expect(await idsFor(w4.ecpp.token)).toEqual([open.id]);
      expect(await idsFor(w4.practitioner.token)).toEqual([restricted.id, open.id]);
      expect(await idsFor(w4.manager.token)).toEqual([restricted.id, open.id]);
      expect(await idsFor(w4.cpManager.token)).toEqual([restricted.id, open.id]);
    });

    it('400 for limit 201, a bad stage, a bad cursor; 403 for la_admin', async () => {
      for (const q of [{ limit: 201 }, { stage: 'open' }, { cursor: 'nope' }, { teamId: 'x' }]) {
        const r = await t.req().get(`${API}/cases`).query(q).set(bearer(w.manager.token));
        expect(r.status).toBe(400);
        expect(r.body.errors.length).toBeGreaterThan(0);
      }
      expect((await t.req().get(`${API}/cases`).set(bearer(w.laAdmin.token))).status).toBe(403);
    });
  });

  describe('PATCH /cases/:id', () => {
    it("the team's manager reassigns the lead (If-Match): timeline + audit before/after", async () => {
      const second = await newUser(t, w.la.id, ['family_help_practitioner']);
      await t
        .req()
        .post(`${API}/teams/${w.fhTeam.id}/members`)
        .set(bearer(w.laAdmin.token))
        .send({ userId: second.id, profession: 'family_support_worker' });
      const c = await newCase(t, w);
      const res = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w.manager.token))
        .set('If-Match', '"1"')
        .send({ leadPractitionerId: second.id, reason: 'Caseload balancing' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body.leadPractitionerId).toBe(second.id);
      const tl = await t.req().get(`${API}/cases/${c.id}/timeline`).set(bearer(w.manager.token));
      expect(tl.body.data.map((e: { type: string }) => e.type)).toEqual([
        'case_created',
        'lead_practitioner_changed',
      ]);
      expect(tl.body.data[1]).toMatchObject({
        actorId: w.manager.id,
        data: { from: w.practitioner.id, to: second.id },
      });
      const audit = await auditRows(t, { recordId: c.id, action: 'case.update' });
      expect(audit).toHaveLength(1);
      expect(audit[0].changes).toEqual({
        leadPractitionerId: { before: w.practitioner.id, after: second.id },
      });
      expect(audit[0].reason).toBe('Caseload balancing');
    });

    it('restricts the case (timeline case_restricted)', async () => {
      const c = await newCase(t, w);
      const res = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w.manager.token))
        .set('If-Match', '"1"')
        .send({ restricted: true });
      expect(res.status).toBe(200);
      expect(res.body.restricted).toBe(true);
      expect(
        (await t.req().get(`${API}/cases/${c.id}`).set(bearer(w.otherPractitioner.token))).status,
      ).toBe(404);
    });

    it('428 without If-Match, 412 when stale, 400 for a lead outside the team, nothing changed', async () => {
      const c = await newCase(t, w);
      const none = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w.manager.token))
        .send({ restricted: true });
      expect(none.status).toBe(428);
      const stale = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w.manager.token))
        .set('If-Match', '"5"')
        .send({ restricted: true });
      expect(stale.status).toBe(412);
      const outsider = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w.manager.token))
        .set('If-Match', '"1"')
        .send({ leadPractitionerId: w.otherPractitioner.id });
      expect(outsider.status).toBe(400);
      expect(outsider.body.errors[0].field).toBe('leadPractitionerId');
      const stageField = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w.manager.token))
        .set('If-Match', '"1"')
        .send({ stage: 'closed' });
      expect(stageField.status).toBe(400);
      const [row] = await sql(
        t,
        `SELECT version, restricted, lead_practitioner_id FROM case_record WHERE id = $1`,
        [c.id],
      );
      expect(row).toEqual({
        version: 1,
        restricted: false,
        lead_practitioner_id: w.practitioner.id,
      });
    });

    it('403 for a practitioner, an ECPP, a manager of another team; 404 for another LA', async () => {
      const c = await newCase(t, w);
      const otherManager = await newUser(t, w.la.id, ['family_help_manager']);
      await newTeam(t, w.laAdmin, 'family_help', [{ user: otherManager, profession: 'manager' }]);
      for (const u of [w.practitioner, w.ecpp, w.cpManager, otherManager]) {
        const r = await t
          .req()
          .patch(`${API}/cases/${c.id}`)
          .set(bearer(u.token))
          .set('If-Match', '"1"')
          .send({ restricted: true });
        expect(r.status).toBe(403);
      }
      const w2 = await newWorld(t);
      const r = await t
        .req()
        .patch(`${API}/cases/${c.id}`)
        .set(bearer(w2.manager.token))
        .set('If-Match', '"1"')
        .send({ restricted: true });
      expect(r.status).toBe(404);
      const [row] = await sql(t, `SELECT version FROM case_record WHERE id = $1`, [c.id]);
      expect(row.version).toBe(1);
    });
  });

  describe('GET /cases/:id/timeline', () => {
    it('pages oldest first without duplicates; limit 201 → 400; case_event is append-only', async () => {
      const c = await newCase(t, w);
      for (let i = 0; i < 4; i++)
        expect(
          (
            await t
              .req()
              .post(`${API}/cases/${c.id}/notes`)
              .set(bearer(w.practitioner.token))
              .send({ body: `note ${i}` })
          ).status,
        ).toBe(201);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const r = await t
          .req()
          .get(`${API}/cases/${c.id}/timeline`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(w.practitioner.token));
        expect(r.status).toBe(200);
        seen.push(...r.body.data.map((e: { type: string; id: string }) => `${e.type}:${e.id}`));
        cursor = r.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect(seen[0]).toMatch(/^case_created:/);
      const big = await t
        .req()
        .get(`${API}/cases/${c.id}/timeline`)
        .query({ limit: 201 })
        .set(bearer(w.practitioner.token));
      expect(big.status).toBe(400);
      await expect(
        sql(t, `UPDATE case_event SET summary = 'x' WHERE case_id = $1`, [c.id]),
      ).rejects.toThrow(/append-only/);
      await expect(sql(t, `DELETE FROM case_event WHERE case_id = $1`, [c.id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('404 for another LA and for a restricted case the caller may not open', async () => {
      const c = await newCase(t, w, { restricted: true });
      expect(
        (await t.req().get(`${API}/cases/${c.id}/timeline`).set(bearer(w.otherPractitioner.token)))
          .status,
      ).toBe(404);
      const w2 = await newWorld(t);
      expect(
        (await t.req().get(`${API}/cases/${c.id}/timeline`).set(bearer(w2.practitioner.token)))
          .status,
      ).toBe(404);
    });
  });
  describe('API clients', () => {
    async function clientToken(scopes: string[]) {
      const c = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(w.laAdmin.token))
        .send({ name: 'Integration', scopes });
      expect(c.status).toBe(201);
      await approvePending(t, c.body);
      const tok = await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: c.body.clientId,
        client_secret: c.body.clientSecret,
      });
      expect(tok.status).toBe(200);
      return tok.body.access_token as string;
    }

    it('cases:read reads unrestricted cases only; cases:write adds notes as the client; families:read cannot read cases', async () => {
      const open = await newCase(t, w);
      const restricted = await newCase(t, w, { restricted: true });
      const reader = await clientToken(['cases:read']);
      expect((await t.req().get(`${API}/cases/${open.id}`).set(bearer(reader))).status).toBe(200);
      expect((await t.req().get(`${API}/cases/${restricted.id}`).set(bearer(reader))).status).toBe(
        404,
      );
      const listed = await t.req().get(`${API}/cases`).query({ limit: 200 }).set(bearer(reader));
      const ids = listed.body.data.map((c: { id: string }) => c.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(restricted.id);
      expect(
        (
          await t
            .req()
            .post(`${API}/cases/${open.id}/notes`)
            .set(bearer(reader))
            .send({ body: 'x' })
        ).status,
      ).toBe(403);
      const writer = await clientToken(['cases:write']);
      const note = await t
        .req()
        .post(`${API}/cases/${open.id}/notes`)
        .set(bearer(writer))
        .send({ body: 'From the MASH system' });
      expect(note.status).toBe(201);
      expect(note.body.authorType).toBe('client');
      const families = await clientToken(['families:read']);
      expect((await t.req().get(`${API}/cases/${open.id}`).set(bearer(families))).status).toBe(403);
      expect(
        (await t.req().get(`${API}/families/${open.familyId}`).set(bearer(families))).status,
      ).toBe(200);
    });
  });
});
