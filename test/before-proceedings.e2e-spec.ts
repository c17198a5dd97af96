import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  caseInChildProtection,
  closeDb,
  db,
  decide,
  RATIONALE,
  seedCase,
  SeededCase,
} from './utils/cp.factories';
import { legalGateway } from './utils/proceedings.factories';

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
  describe('story: the FGDM duty before a letter and an application (fgdm-kinship)', () => {
    it('legal gateway → offers to mother and father → letter (father missing → 409) → mother accepts, father silent → FGDM → application', async () => {
      const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
      const mother = await adult(kase, 'Mother');
      const father = await adult(kase, 'Father');
      const child = kase.childIds[0];
      for (const [who, basis] of [
        [mother, 'birth_mother'],
        [father, 'registered_father'],
      ])
        expect(
          (await putPr(kase, who, w.practitioner, [{ childId: child, hasPR: true, basis }])).status,
        ).toBe(200);

      // ecpp: pre-proceedings need a legal gateway meeting (service_manager chairs).
      const noGateway = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        type: 'initiate_pre_proceedings',
        effectiveDate: '2027-01-11',
        childIds: kase.childIds,
        rationale: RATIONALE,
      });
      expect(noGateway.status).toBe(409);
      expect(noGateway.body.code).toBe('legal_gateway_required');
      const notChair = await post(`/cases/${kase.caseId}/legal-gateway-meetings`, w.practitioner, {
        heldOn: '2027-01-08',
        chairId: w.manager.id,
        legalAdviser: 'A. Patel, LA solicitor',
        decision: 'pre_proceedings',
        rationale: 'Threshold met on neglect; the parents can change with support.',
      });
      expect(notChair.status).toBe(400);
      expect(notChair.body.errors[0].field).toBe('chairId');
      const legalGatewayId = await legalGateway(t, w, kase, '2027-01-08');
      const tooEarly = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        type: 'initiate_pre_proceedings',
        effectiveDate: '2027-01-07',
        childIds: kase.childIds,
        rationale: RATIONALE,
        legalGatewayId,
      });
      expect(tooEarly.status).toBe(400);
      await decide(t, kase, w.ecpp, {
        type: 'initiate_pre_proceedings',
        effectiveDate: '2027-01-11',
        legalGatewayId,
      });
      const initial = await post(`/cases/${kase.caseId}/pre-proceedings-meetings`, w.practitioner, {
        kind: 'initial',
        heldOn: '2027-01-20',
        attendees: ['Mother', 'Mother’s solicitor', 'Social worker', 'Team manager'],
        parentsRepresented: true,
      });
      expect(initial.status).toBe(201);

      // family_help_practitioner: offers in the letter; the father's is missing at first.
      const offer = async (to: string) =>
        (
          await post(`/cases/${kase.caseId}/fgdm-offers`, w.practitioner, {
            childIds: [child],
            offeredTo: to,
            offeredOn: '2027-01-12',
            channel: 'letter_before_proceedings',
          })
        ).body.id as string;
      const toMother = await offer(mother);
      const letter = (body: object) =>
        post(`/cases/${kase.caseId}/letter-before-proceedings`, w.practitioner, {
          sentOn: '2027-01-12',
          ...body,
        });
      const missing = await letter({ fgdmOfferIds: [toMother] });
      expect(missing.status).toBe(409);
      expect(missing.body.code).toBe('fgdm_offer_required');
      expect(missing.body.missing).toEqual([{ childId: child, personId: father }]);
      const toFather = await offer(father);
      expect((await letter({ fgdmOfferIds: [toMother, toFather] })).status).toBe(201);

      // Mother accepts; father says nothing (timed out after 5 working days).
      expect(
        (
          await patch(`/fgdm-offers/${toMother}`, w.practitioner, {
            response: 'accepted',
            respondedOn: '2027-01-14',
          })
        ).status,
      ).toBe(200);
      const apply = () =>
        post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
          type: 'apply_for_care_proceedings',
          effectiveDate: '2027-03-01',
          issuedOn: '2027-03-02',
          court: 'Family Court at Northshire',
          courtCaseNumber: 'NS27C00123',
          childIds: kase.childIds,
          rationale: RATIONALE,
        });
      const unmet = await apply();
      expect(unmet.status).toBe(409);
      expect(unmet.body.code).toBe('fgdm_duty_unmet');
      expect(unmet.body.gaps).toEqual([
        { childId: child, personId: null, reason: 'meeting_not_held' },
      ]);
      const summary = await get(`/cases/${kase.caseId}/before-proceedings`, w.practitioner);
      expect(summary.status).toBe(200);
      expect(summary.body.offers.map((o: { status: string }) => o.status)).toEqual([
        'accepted',
        'timed_out',
      ]);
      expect(
        (
          await post(`/cases/${kase.caseId}/fgdm-meetings`, w.practitioner, {
            date: '2027-02-01',
            coordinator: 'Sam Okoro (independent coordinator)',
            childIds: [child],
            attendees: { familyMemberIds: [mother] },
            familyPlan: 'Grandmother looks after the children during the week.',
          })
        ).status,
      ).toBe(201);
      const missingCourt = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        type: 'apply_for_care_proceedings',
        effectiveDate: '2027-03-01',
        childIds: kase.childIds,
        rationale: RATIONALE,
      });
      expect(missingCourt.status).toBe(400);
      expect(missingCourt.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'issuedOn',
        'court',
      ]);
      const applied = await apply();
      expect(applied.status).toBe(201);
      expect(applied.body.caseStage).toBe('care_proceedings');
      const detail = await sql(
        t,
        `SELECT to_char(issued_on, 'YYYY-MM-DD') AS issued, court FROM proceedings_decision_detail
          WHERE decision_id = $1`,
        [applied.body.id],
      );
      expect(detail).toEqual([{ issued: '2027-03-02', court: 'Family Court at Northshire' }]);
      const types = await sql<{ type: string }>(
        t,
        `SELECT type FROM integration_event WHERE data->>'caseId' = $1
            AND (type LIKE 'fgdm%' OR type = 'legal_gateway.held') ORDER BY seq`,
        [kase.caseId],
      );
      expect(types.map((r) => r.type)).toEqual([
        'legal_gateway.held',
        'fgdm_offer.made',
        'fgdm_offer.made',
        'fgdm_offer.answered',
      ]);
    });
  });

  describe('story: an urgent newborn (authorised exemption)', () => {
    it('ecpp: an urgent application is refused while the duty is unmet; allowed once a service_manager authorises the exemption', async () => {
      const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2027-04-20' });
      const mother = await adult(kase, 'Mother');
      expect(
        (
          await putPr(kase, mother, w.practitioner, [
            { childId: kase.childIds[0], hasPR: true, basis: 'birth_mother' },
          ])
        ).status,
      ).toBe(200);
      const apply = () =>
        post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
          type: 'apply_for_care_proceedings',
          urgent: true,
          effectiveDate: '2027-04-22',
          issuedOn: '2027-04-22',
          court: 'Family Court at Northshire',
          childIds: kase.childIds,
          rationale: RATIONALE,
        });
      const refused = await apply();
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('fgdm_duty_unmet');
      const e = await post(`/cases/${kase.caseId}/fgdm-exemptions`, w.practitioner, {
        childIds: kase.childIds,
        scope: 'meeting',
        reason:
          'The baby is to be discharged from hospital tomorrow; the mother’s partner poses an immediate risk.',
      });
      expect(e.status).toBe(201);
      expect((await apply()).body.code).toBe('fgdm_duty_unmet');
      expect(
        (await post(`/fgdm-exemptions/${e.body.id}/authorisation`, w.practitioner)).status,
      ).toBe(403);
      expect(
        (await post(`/fgdm-exemptions/${e.body.id}/authorisation`, serviceManager)).status,
      ).toBe(200);
      const applied = await apply();
      expect(applied.status).toBe(201);
      expect(applied.body.caseStage).toBe('care_proceedings');
      // The outbox announces the authorisation with ids and codes, never the reason.
      const events = await sql<{ type: string; data: Record<string, unknown> }>(
        t,
        `SELECT type, data FROM integration_event
          WHERE data->>'caseId' = $1 AND type LIKE 'fgdm%' ORDER BY seq`,
        [kase.caseId],
      );
      expect(events).toEqual([
        {
          type: 'fgdm_exemption.authorised',
          data: {
            caseId: kase.caseId,
            exemptionId: e.body.id,
            childIds: kase.childIds,
            scope: 'meeting',
            authorisedOn: '2027-04-30',
          },
        },
      ]);
    });
  });
});
