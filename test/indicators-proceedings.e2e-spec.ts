import { Client } from 'pg';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { caseInChildProtection, closeDb, db, decide, SeededCase } from './utils/cp.factories';
import { legalGateway, serviceManagerOf } from './utils/proceedings.factories';

/**
 * The before-proceedings indicators (issue 27 item 6, docs/indicators.md) on histories built
 * through the API: offers, letters, exemptions authorised by a service manager, FGDM meetings,
 * applications and a step-down. Period January–April 2027 (as known on 30 April 2027, the
 * test day, the only day a service manager can authorise an exemption on).
 *
 * - A: offers to both parents on the day of the letter; the mother accepts, an FGDM meeting;
 *   a Family Network Plan agreed 30 days into pre-proceedings; stepped down to Family Help.
 * - B: urgent: an exemption authorised, the letter and the application the same day.
 * - C: the father's offer dated after the letter; the mother accepts, a meeting, then the
 *   application.
 * - D: an application straight from child protection: the mother declined, no meeting.
 */
const PERIOD = 'from=2027-01-01&to=2027-04-30';
const REASON =
  'The baby is to be discharged from hospital tomorrow; the mother’s partner poses an immediate risk.';

describe('before-proceedings indicators (GET /indicators)', () => {
  let t: TestApp;
  let w: World;
  let c: Client;
  let manager: TestUser;
  const k: Record<string, SeededCase & { mother: string; father: string }> = {};

  const post = async (path: string, who: TestUser, body: object = {}, status = 201) => {
    const res = await t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
    if (res.status !== status)
      throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const answer = (offerId: string, response: string, respondedOn: string) =>
    t
      .req()
      .patch(`${API}/fgdm-offers/${offerId}`)
      .set(bearer(w.practitioner.token))
      .send({ response, respondedOn })
      .expect(200);

  /** A case in child protection with a mother and a father, both recorded with PR. */
  async function family(): Promise<SeededCase & { mother: string; father: string }> {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    const [mother, father] = await Promise.all(
      ['Mother', 'Father'].map(async (name) => {
        const r = await c.query(
          `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name)
           VALUES ($1, $2, 'adult', $3, 'Test') RETURNING id`,
          [w.la.id, kase.familyId, name],
        );
        return r.rows[0].id as string;
      }),
    );
    for (const [adult, basis] of [
      [mother, 'birth_mother'],
      [father, 'registered_father'],
    ]) {
      await t
        .req()
        .put(`${API}/families/${kase.familyId}/members/${adult}/parental-responsibility`)
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"0"')
        .send(kase.childIds.map((childId) => ({ childId, hasPR: true, basis })))
        .expect(200);
    }
    return { ...kase, mother, father };
  }
  const offer = (kase: SeededCase, to: string, offeredOn: string) =>
    post(`/cases/${kase.caseId}/fgdm-offers`, w.practitioner, {
      childIds: kase.childIds,
      offeredTo: to,
      offeredOn,
      channel: 'letter_before_proceedings',
    }).then((b) => b.id);
  const letter = (kase: SeededCase, sentOn: string, body: object) =>
    post(`/cases/${kase.caseId}/letter-before-proceedings`, w.practitioner, { sentOn, ...body });
  const fgdmMeeting = (kase: SeededCase, date: string) =>
    post(`/cases/${kase.caseId}/fgdm-meetings`, w.practitioner, {
      date,
      coordinator: 'Sam Okoro (independent coordinator)',
      attendees: { familyMemberIds: [kase.childIds[0]], networkMemberIds: [], professionals: [] },
      familyPlan: 'Grandmother looks after the children during the week.',
    });
  const preProceedings = async (kase: SeededCase, on: string) =>
    decide(t, kase, w.ecpp, {
      type: 'initiate_pre_proceedings',
      effectiveDate: on,
      legalGatewayId: await legalGateway(t, w, kase, on),
    });
  const apply = (kase: SeededCase, effectiveDate: string, issuedOn: string, urgent = false) =>
    decide(t, kase, w.ecpp, {
      type: 'apply_for_care_proceedings',
      effectiveDate,
      issuedOn,
      court: 'Family Court at Northshire',
      ...(urgent ? { urgent } : {}),
    });
  /** An exemption from the meeting, authorised today (2027-04-30) by the service manager. */
  async function exemption(kase: SeededCase): Promise<string> {
    const e = await post(`/cases/${kase.caseId}/fgdm-exemptions`, w.practitioner, {
      childIds: kase.childIds,
      scope: 'meeting',
      reason: REASON,
    });
    await post(`/fgdm-exemptions/${e.id}/authorisation`, manager, {}, 200);
    return e.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    c = await db(t);
    manager = await serviceManagerOf(t, w);

    k.A = await family();
    await preProceedings(k.A, '2027-01-11');
    const a1 = await offer(k.A, k.A.mother, '2027-01-12');
    const a2 = await offer(k.A, k.A.father, '2027-01-12');
    await letter(k.A, '2027-01-12', { fgdmOfferIds: [a1, a2] });
    await answer(a1, 'accepted', '2027-01-14');
    await fgdmMeeting(k.A, '2027-01-25');
    // The timeline stamps an agreement with the real time: the agreement is seeded on its day.
    await c.query(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary,
                               record_id, at)
       VALUES ($1, $2, 'family_network_plan_agreed', $3, 'user', 'Family Network Plan agreed',
               gen_random_uuid(), ('2027-02-10'::date + time '12:00') AT TIME ZONE 'Europe/London')`,
      [k.A.caseId, w.la.id, w.manager.id],
    );
    await decide(t, k.A, w.ecpp, {
      type: 'end_pre_proceedings',
      effectiveDate: '2027-03-01',
      outcome: 'step_down_family_help',
    });

    k.B = await family();
    await preProceedings(k.B, '2027-04-01');
    const bx = await exemption(k.B);
    await letter(k.B, '2027-04-30', { exemptionId: bx });
    await apply(k.B, '2027-04-30', '2027-04-30');

    k.C = await family();
    await preProceedings(k.C, '2027-01-11');
    const c1 = await offer(k.C, k.C.mother, '2027-01-12');
    const c2 = await offer(k.C, k.C.father, '2027-01-20');
    await letter(k.C, '2027-01-15', { fgdmOfferIds: [c1, c2] });
    await answer(c1, 'accepted', '2027-01-21');
    await answer(c2, 'declined', '2027-01-22');
    await fgdmMeeting(k.C, '2027-02-01');
    await apply(k.C, '2027-02-15', '2027-02-16');

    k.D = await family();
    const d1 = await offer(k.D, k.D.mother, '2027-03-01');
    const d2 = await offer(k.D, k.D.father, '2027-03-01');
    await answer(d1, 'declined', '2027-03-02');
    await answer(d2, 'declined', '2027-03-02');
    await apply(k.D, '2027-03-10', '2027-03-11', true);
  });

  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const get = (who: TestUser, query = PERIOD) =>
    t.req().get(`${API}/indicators?${query}`).set(bearer(who.token));
  const pick = (body: { indicators: Record<string, { total: unknown }> }) => ({
    fgdm_offer_before_letter: body.indicators.fgdm_offer_before_letter.total,
    fgdm_meeting_before_issue: body.indicators.fgdm_meeting_before_issue.total,
    pre_proceedings_ended_without_issue: body.indicators.pre_proceedings_ended_without_issue.total,
    fnp_within_pre_proceedings: body.indicators.fnp_within_pre_proceedings.total,
  });
  const KNOWN = {
    // A (offers on the day of the letter) and B (exemption); C's father offered after it.
    fgdm_offer_before_letter: { letters: 3, offerBeforeLetter: 2, exempted: 1 },
    // B (exemption) and C (meeting 1 Feb, issued 16 Feb); D: no meeting, no exemption.
    fgdm_meeting_before_issue: { applications: 3, meetingBeforeIssue: 2, exempted: 1 },
    // A stepped down; B and C applied; D's application was not from pre-proceedings.
    pre_proceedings_ended_without_issue: { endings: 3, endedWithoutIssue: 1 },
    // A's plan agreed 30 days after pre-proceedings began; B and C none.
    fnp_within_pre_proceedings: { episodes: 3, fnpAgreed: 1, medianDaysToFnp: 30 },
  };

  it.each(['cpManager', 'auditor'] as const)(
    '%s: each before-proceedings indicator equals the known numerator and denominator',
    async (who) => {
      const res = await get(w[who]);
      expect(res.status).toBe(200);
      expect(pick(res.body)).toEqual(KNOWN);
    },
  );

  it('service_manager reads them LA-wide; family_help_manager for their own team', async () => {
    expect(pick((await get(manager).expect(200)).body)).toEqual(KNOWN);
    expect(pick((await get(w.manager).expect(200)).body)).toEqual(KNOWN);
  });

  it.each(['practitioner', 'ecpp', 'laAdmin'] as const)(
    '%s may not read indicators (403)',
    async (who) => {
      expect((await get(w[who])).status).toBe(403);
    },
  );

  it('fgdm_coordinator may not read indicators (403)', async () => {
    const coordinator = await newUser(t, w.la.id, ['fgdm_coordinator']);
    expect((await get(coordinator)).status).toBe(403);
  });

  it('by month: each item in the month of its date (letter sent, application issued, ending, start)', async () => {
    const { indicators } = (await get(w.cpManager).expect(200)).body;
    const series = (key: string, measure: string) =>
      indicators[key].series.map((p: { measures: Record<string, number> }) => p.measures[measure]);
    expect(series('fgdm_offer_before_letter', 'letters')).toEqual([2, 0, 0, 1]);
    expect(series('fgdm_meeting_before_issue', 'applications')).toEqual([0, 1, 1, 1]);
    expect(series('pre_proceedings_ended_without_issue', 'endings')).toEqual([0, 1, 1, 1]);
    expect(series('fnp_within_pre_proceedings', 'episodes')).toEqual([2, 0, 0, 1]);
  });

  it('as known on 31 January: two letters (C’s not covered), nothing issued, A’s plan not yet agreed', async () => {
    const res = await get(w.cpManager, 'from=2027-01-01&to=2027-01-31');
    expect(pick(res.body)).toEqual({
      fgdm_offer_before_letter: { letters: 2, offerBeforeLetter: 1, exempted: 0 },
      fgdm_meeting_before_issue: { applications: 0, meetingBeforeIssue: 0, exempted: 0 },
      pre_proceedings_ended_without_issue: { endings: 0, endedWithoutIssue: 0 },
      fnp_within_pre_proceedings: { episodes: 2, fnpAgreed: 0, medianDaysToFnp: null },
    });
  });

  it('drill-down: each letter with whether the offers came first and what covered it', async () => {
    const res = await t
      .req()
      .get(`${API}/indicators/fgdm_offer_before_letter/cases?${PERIOD}`)
      .set(bearer(w.cpManager.token))
      .expect(200);
    expect(
      res.body.data.map((r: { caseId: string; date: string; values: unknown }) => [
        r.caseId,
        r.date,
        r.values,
      ]),
    ).toEqual([
      [k.A.caseId, '2027-01-12', { offerBeforeLetter: true, coveredBy: 'offers' }],
      [k.C.caseId, '2027-01-15', { offerBeforeLetter: false, coveredBy: null }],
      [k.B.caseId, '2027-04-30', { offerBeforeLetter: true, coveredBy: 'exemption' }],
    ]);
    const endings = await t
      .req()
      .get(`${API}/indicators/pre_proceedings_ended_without_issue/cases?${PERIOD}`)
      .set(bearer(w.cpManager.token))
      .expect(200);
    expect(endings.body.data.map((r: { values: unknown }) => r.values)).toEqual([
      { endedWithoutIssue: false, outcome: 'issue' },
      { endedWithoutIssue: true, outcome: 'step_down_family_help' },
      { endedWithoutIssue: false, outcome: 'issue' },
    ]);
  });

  it('a PR holder recorded later without an offer turns a letter uncovered; the facts never drift', async () => {
    const rows = async () =>
      (
        await c.query(
          `SELECT * FROM indicator_fact WHERE local_authority_id = $1 ORDER BY indicator, item_id`,
          [w.la.id],
        )
      ).rows;
    const maintained = await rows();
    await c.query(
      `SELECT indicator_fact_refresh(array_agg(id)) FROM case_record WHERE local_authority_id = $1`,
      [w.la.id],
    );
    expect(await rows()).toEqual(maintained);

    // A's grandmother is found to hold PR under a child arrangements order: no offer was made.
    const gran = await c.query(
      `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name)
       VALUES ($1, $2, 'adult', 'Grandmother', 'Test') RETURNING id`,
      [w.la.id, k.A.familyId],
    );
    await t
      .req()
      .put(`${API}/families/${k.A.familyId}/members/${gran.rows[0].id}/parental-responsibility`)
      .set(bearer(w.practitioner.token))
      .set('If-Match', '"0"')
      .send(
        k.A.childIds.map((childId) => ({
          childId,
          hasPR: true,
          basis: 'child_arrangements_order',
        })),
      )
      .expect(200);
    const res = await get(w.cpManager);
    expect(res.body.indicators.fgdm_offer_before_letter.total).toEqual({
      letters: 3,
      offerBeforeLetter: 1,
      exempted: 1,
    });
  });
});
