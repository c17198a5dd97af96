import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import { closeDb, db, seedCase, SeededCase } from './utils/cp.factories';

/**
 * Before proceedings (issue 27, docs/before-proceedings.md): parental responsibility per adult
 * and child (versioned), the FGDM duty (offers, exemptions by a service_manager, referrals to a
 * coordinator who sees only their own), with every refusal named after the role refused.
 * Fixed past dates (TEST_TODAY 2027-04-30).
 */
describe('before proceedings', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let serviceManager: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = [await newWorld(t), await newWorld(t)];
    [serviceManager, coordinator, otherCoordinator] = await Promise.all([
      newUser(t, w.la.id, ['service_manager']),
      newUser(t, w.la.id, ['fgdm_coordinator']),
      newUser(t, w.la.id, ['fgdm_coordinator']),
    ]);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, who: TestUser, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const patch = (path: string, who: TestUser, body: object = {}) =>
    t.req().patch(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));
  const putPr = (kase: SeededCase, personId: string, who: TestUser, body: unknown, etag = '"0"') =>
    t
      .req()
      .put(`${API}/families/${kase.familyId}/members/${personId}/parental-responsibility`)
      .set(bearer(who.token))
      .set('If-Match', etag)
      .send(body as object);

  /** An adult of the case's family, seeded. */
  async function adult(kase: SeededCase, firstName: string): Promise<string> {
    const c = await db(t);
    const r = await c.query(
      `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name)
       VALUES ($1, $2, 'adult', $3, 'Test') RETURNING id`,
      [w.la.id, kase.familyId, firstName],
    );
    return r.rows[0].id as string;
  }

  /** A case with one child, a mother and a father, each holding PR. */
  async function family(): Promise<SeededCase & { mother: string; father: string }> {
    const kase = await seedCase(t, w);
    const mother = await adult(kase, 'Mother');
    const father = await adult(kase, 'Father');
    const child = kase.childIds[0];
    expect(
      (
        await putPr(kase, mother, w.practitioner, [
          { childId: child, hasPR: true, basis: 'birth_mother' },
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await putPr(kase, father, w.practitioner, [
          { childId: child, hasPR: true, basis: 'registered_father' },
        ])
      ).status,
    ).toBe(200);
    return { ...kase, mother, father };
  }

  describe('parental responsibility (versioned, If-Match)', () => {
    it('family_help_practitioner records it; each PUT is a new version; the old one is kept', async () => {
      const kase = await seedCase(t, w, { children: 2 });
      const father = await adult(kase, 'Father');
      const [a, b] = kase.childIds;
      const url = `/families/${kase.familyId}/members/${father}/parental-responsibility`;
      const first = await get(url, w.practitioner);
      expect(first.status).toBe(200);
      expect(first.headers.etag).toBe('"0"');
      expect(first.body.entries).toEqual([]);
      const v1 = await putPr(kase, father, w.practitioner, [
        { childId: a, hasPR: true, basis: 'registered_father' },
        { childId: b, hasPR: false },
      ]);
      expect(v1.status).toBe(200);
      expect(v1.headers.etag).toBe('"1"');
      expect(v1.body.entries).toHaveLength(2);
      // Stale and missing If-Match.
      expect(
        (await putPr(kase, father, w.practitioner, [{ childId: a, hasPR: false }], '"0"')).status,
      ).toBe(412);
      const missing = await t
        .req()
        .put(`${API}${url}`)
        .set(bearer(w.practitioner.token))
        .send([{ childId: a, hasPR: false }]);
      expect(missing.status).toBe(428);
      const v2 = await putPr(
        kase,
        father,
        w.practitioner,
        [{ childId: b, hasPR: true, basis: 'pr_agreement_or_order' }],
        '"1"',
      );
      expect(v2.status).toBe(200);
      expect(v2.body).toMatchObject({ version: 2, entries: [{ childId: b, hasPR: true }] });
      const rows = await sql(
        t,
        `SELECT count(*)::int AS all, count(*) FILTER (WHERE superseded_at IS NULL)::int AS live
           FROM parental_responsibility WHERE adult_id = $1`,
        [father],
      );
      expect(rows[0]).toEqual({ all: 3, live: 1 });
    });

    it('refuses a basis missing with hasPR, a child of another family, a child as the holder (400/409)', async () => {
      const kase = await seedCase(t, w);
      const mother = await adult(kase, 'Mother');
      const noBasis = await putPr(kase, mother, w.practitioner, [
        { childId: kase.childIds[0], hasPR: true },
      ]);
      expect(noBasis.status).toBe(400);
      expect(noBasis.body.errors[0].field).toBe('[0].basis');
      const elsewhere = await seedCase(t, w);
      const stranger = await putPr(kase, mother, w.practitioner, [
        { childId: elsewhere.childIds[0], hasPR: true, basis: 'birth_mother' },
      ]);
      expect(stranger.status).toBe(400);
      expect(stranger.body.errors[0].field).toBe('[0].childId');
      const child = await putPr(kase, kase.childIds[0], w.practitioner, [
        { childId: kase.childIds[0], hasPR: false },
      ]);
      expect(child.status).toBe(409);
      expect(child.body.code).toBe('not_an_adult');
      expect(
        (await putPr(kase, mother, w.practitioner, { childId: kase.childIds[0] })).status,
      ).toBe(400);
    });

    it('family_help_practitioner of another LA → 404; auditor (no family.update) → 403', async () => {
      const kase = await seedCase(t, w);
      const mother = await adult(kase, 'Mother');
      const body = [{ childId: kase.childIds[0], hasPR: true, basis: 'birth_mother' }];
      expect((await putPr(kase, mother, other.practitioner, body)).status).toBe(404);
      expect((await putPr(kase, mother, w.auditor, body)).status).toBe(403);
    });
  });

  describe('FGDM offers, exemptions and referrals', () => {
    it('family_help_practitioner offers to each PR holder; answers once; unanswered after 5 working days → timed_out', async () => {
      const kase = await family();
      const child = kase.childIds[0];
      const mum = await post(`/cases/${kase.caseId}/fgdm-offers`, w.practitioner, {
        childIds: [child],
        offeredTo: kase.mother,
        offeredOn: '2027-04-01',
        channel: 'in_person',
      });
      expect(mum.status).toBe(201);
      expect(mum.body).toMatchObject({ status: 'timed_out', answerBy: '2027-04-08' });
      const dad = await post(`/cases/${kase.caseId}/fgdm-offers`, w.practitioner, {
        childIds: [child],
        offeredTo: kase.father,
        offeredOn: '2027-04-28',
        channel: 'letter',
      });
      expect(dad.body.status).toBe('awaiting');
      const early = await patch(`/fgdm-offers/${mum.body.id}`, w.practitioner, {
        response: 'accepted',
        respondedOn: '2027-03-31',
      });
      expect(early.status).toBe(400);
      const yes = await patch(`/fgdm-offers/${mum.body.id}`, w.practitioner, {
        response: 'accepted',
        respondedOn: '2027-04-02',
      });
      expect(yes.status).toBe(200);
      expect(yes.body.status).toBe('accepted');
      const again = await patch(`/fgdm-offers/${mum.body.id}`, w.practitioner, {
        response: 'declined',
        respondedOn: '2027-04-03',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('offer_already_answered');
      const notAdult = await post(`/cases/${kase.caseId}/fgdm-offers`, w.practitioner, {
        childIds: [child],
        offeredTo: child,
        offeredOn: '2027-04-01',
        channel: 'letter',
      });
      expect(notAdult.status).toBe(400);
      expect(notAdult.body.errors[0].field).toBe('offeredTo');
      // Another team's practitioner sees the case but may not act: 403.
      expect(
        (
          await patch(`/fgdm-offers/${dad.body.id}`, w.otherPractitioner, {
            response: 'declined',
            respondedOn: '2027-04-29',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await patch(`/fgdm-offers/${dad.body.id}`, other.practitioner, {
            response: 'declined',
            respondedOn: '2027-04-29',
          })
        ).status,
      ).toBe(404);
    });

    it('an exemption: reason ≥ 50 characters; family_help_practitioner authorising → 403; service_manager authorises once', async () => {
      const kase = await family();
      const short = await post(`/cases/${kase.caseId}/fgdm-exemptions`, w.practitioner, {
        childIds: kase.childIds,
        scope: 'offer',
        reason: 'Too risky.',
      });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].field).toBe('reason');
      const e = await post(`/cases/${kase.caseId}/fgdm-exemptions`, w.practitioner, {
        childIds: kase.childIds,
        scope: 'offer',
        reason:
          'The baby is to be discharged tomorrow and the mother has disclosed serious violence by the father.',
      });
      expect(e.status).toBe(201);
      expect(e.body.authorisedOn).toBeNull();
      const byPractitioner = await post(
        `/fgdm-exemptions/${e.body.id}/authorisation`,
        w.practitioner,
      );
      expect(byPractitioner.status).toBe(403);
      const byManager = await post(`/fgdm-exemptions/${e.body.id}/authorisation`, w.manager);
      expect(byManager.status).toBe(403);
      const ok = await post(`/fgdm-exemptions/${e.body.id}/authorisation`, serviceManager);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        authorisedById: serviceManager.id,
        authorisedOn: '2027-04-30',
      });
      const twice = await post(`/fgdm-exemptions/${e.body.id}/authorisation`, serviceManager);
      expect(twice.status).toBe(409);
      const elsewhere = await newUser(t, other.la.id, ['service_manager']);
      expect((await post(`/fgdm-exemptions/${e.body.id}/authorisation`, elsewhere)).status).toBe(
        404,
      );
    });

    it('fgdm_coordinator reads only their own referrals (names and the summary); another referral → 404', async () => {
      const kase = await family();
      const summaryForFamily =
        'We are worried the children are not safe when dad has been drinking.';
      const r = await post(`/cases/${kase.caseId}/fgdm-referrals`, w.practitioner, {
        coordinatorId: coordinator.id,
        childIds: kase.childIds,
        summaryForFamily,
      });
      expect(r.status).toBe(201);
      const theirs = await post(`/cases/${kase.caseId}/fgdm-referrals`, w.practitioner, {
        coordinatorId: otherCoordinator.id,
        childIds: kase.childIds,
        summaryForFamily,
      });
      expect(theirs.status).toBe(201);
      const notCoordinator = await post(`/cases/${kase.caseId}/fgdm-referrals`, w.practitioner, {
        coordinatorId: w.manager.id,
        childIds: kase.childIds,
        summaryForFamily,
      });
      expect(notCoordinator.status).toBe(400);
      expect(notCoordinator.body.errors[0].field).toBe('coordinatorId');

      const mine = await get(`/fgdm-referrals?mine=true`, coordinator);
      expect(mine.status).toBe(200);
      expect(mine.body.data.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
      const one = await get(`/fgdm-referrals/${r.body.id}`, coordinator);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({
        id: r.body.id,
        status: 'referred',
        coordinatorId: coordinator.id,
        summaryForFamily,
        family: {
          name: 'Test family',
          members: expect.arrayContaining(['Child1 Test', 'Mother Test', 'Father Test']),
          network: [],
        },
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(one.body)).not.toContain(kase.caseId);
      // Another coordinator's referral, and the case itself: 404.
      expect((await get(`/fgdm-referrals/${theirs.body.id}`, coordinator)).status).toBe(404);
      expect((await get(`/cases/${kase.caseId}`, coordinator)).status).toBe(403);
      expect((await get(`/cases/${kase.caseId}/before-proceedings`, coordinator)).status).toBe(403);
      // The coordinator moves their referral on; not another's; not backwards.
      expect(
        (await patch(`/fgdm-referrals/${r.body.id}`, coordinator, { status: 'preparing' })).status,
      ).toBe(200);
      expect(
        (await patch(`/fgdm-referrals/${theirs.body.id}`, coordinator, { status: 'preparing' }))
          .status,
      ).toBe(404);
      const back = await patch(`/fgdm-referrals/${r.body.id}`, coordinator, { status: 'referred' });
      expect(back.status).toBe(409);
      // Staff read it; a practitioner may not move it on (the coordinator's).
      expect((await get(`/fgdm-referrals/${r.body.id}`, w.practitioner)).status).toBe(200);
      expect(
        (await patch(`/fgdm-referrals/${r.body.id}`, w.practitioner, { status: 'closed' })).status,
      ).toBe(403);
    });
  });
});
