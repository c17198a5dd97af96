/**
 * Story (a): FGDM → Family Network Plan drafted → the manager agrees → on a child-protection case
 * the ECPP agrees too → active → edited (a new version, agreement again) → reviewed; the review
 * date is a family_network_plan_review timescale item; everything on the timeline and audited.
 */
import { closeDb, db, SeededCase, seedCase } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import {
  coWorkedCase,
  draftFnp,
  FUTURE_REVIEW,
  newNetworkMember,
  PAST,
  planFootprint,
  startS47,
  TODAY,
} from './utils/plan.factories';

describe('Family Network Plan story (FGDM → draft → agreements → active → new version → review)', () => {
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

  const call = async (
    method: 'get' | 'post' | 'patch',
    who: TestUser,
    path: string,
    status: number,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    const req = t.req()[method](`${API}${path}`).set(bearer(who.token)).set(headers);
    const res = body ? await req.send(body) : await req;
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status });
    return res;
  };

  it('runs from the family meeting to a reviewed second version on a CP case', async () => {
    const kase = await coWorkedCase(t, w);
    const grandmother = await newNetworkMember(t, w.practitioner, kase.familyId);
    const aunt = await newNetworkMember(t, w.practitioner, kase.familyId, 'Ruth');

    // The family group decision-making meeting and the family's own plan.
    const meeting = (
      await call('post', w.practitioner, `/cases/${kase.caseId}/fgdm-meetings`, 201, {
        date: PAST.meeting,
        coordinator: 'Sam Okoro (independent coordinator)',
        attendees: {
          familyMemberIds: [kase.childIds[0]],
          networkMemberIds: [grandmother, aunt],
          professionals: [{ name: 'Priya Shah', role: 'school DSL' }],
        },
        familyPlan: 'Grandmother looks after the children during the week.',
        familyPlanItems: [{ description: 'Grandmother does the school run', who: 'Maureen' }],
      })
    ).body;
    expect(meeting).toMatchObject({
      caseId: kase.caseId,
      date: PAST.meeting,
      attendees: { networkMemberIds: [grandmother, aunt] },
    });
    expect([...meeting.childIds].sort()).toEqual([...kase.childIds].sort());
    const meetings = await call('get', w.manager, `/cases/${kase.caseId}/fgdm-meetings`, 200);
    expect(meetings.body.data.map((m: { id: string }) => m.id)).toEqual([meeting.id]);

    // The case is now in child protection: the ECPP must agree too.
    await startS47(t, w, kase);
    const plan = await draftFnp(t, w, kase, grandmother);
    expect(plan).toMatchObject({
      status: 'draft',
      currentVersion: 1,
      agreedVersion: null,
      requiredAgreements: ['family_help_manager', 'ecpp'],
      carers: [
        {
          networkMemberId: grandmother,
          firstName: 'Maureen',
          relationship: 'maternal grandmother',
        },
      ],
      supportPackage: { weeklyAllowance: 15000, oneOffCosts: [{ amount: 35000 }] },
      children: [{ id: kase.childIds[0] }],
    });
    const path = `/family-network-plans/${plan.id}`;

    // Not active before every agreement; a practitioner does not agree.
    await call('post', w.practitioner, `${path}/activate`, 409);
    await call('post', w.practitioner, `${path}/agreements`, 403, {});
    let res = await call('post', w.manager, `${path}/agreements`, 201, {});
    expect(res.body).toMatchObject({
      status: 'draft',
      agreements: [{ role: 'family_help_manager' }],
    });
    await call('post', w.manager, `${path}/agreements`, 409, {});
    await call('post', w.ecpp2, `${path}/agreements`, 403, {});
    res = await call('post', w.ecpp, `${path}/agreements`, 201, {});
    expect(res.body).toMatchObject({ status: 'agreed', agreedVersion: 1 });
    res = await call('post', w.practitioner, `${path}/activate`, 200);
    expect(res.body.status).toBe('active');
    const etag = res.headers.etag as string;

    // Editing the active plan: If-Match required, a stale one refused, then version 2 awaits
    // agreement while the plan stays active with version 1 in force.
    const change = {
      supportPackage: { weeklyAllowance: 20000 },
      carers: [{ networkMemberId: aunt, arrangement: 'Weekends with aunt Ruth' }],
    };
    await call('patch', w.practitioner, path, 428, change);
    await call('patch', w.practitioner, path, 412, change, { 'If-Match': '"999"' });
    res = await call('patch', w.practitioner, path, 200, change, { 'If-Match': etag });
    expect(res.body).toMatchObject({
      status: 'active',
      currentVersion: 2,
      agreedVersion: 1,
      agreements: [],
      supportPackage: { weeklyAllowance: 20000 },
      carers: [{ networkMemberId: aunt, firstName: 'Ruth' }],
      childIds: [kase.childIds[0]],
      reviewDate: FUTURE_REVIEW,
    });
    await call('post', w.ecpp, `${path}/agreements`, 201, {});
    res = await call('post', w.manager, `${path}/agreements`, 201, {});
    expect(res.body).toMatchObject({ status: 'active', agreedVersion: 2 });
    await call('post', w.manager, `${path}/agreements`, 409, {});

    // Both versions stay readable, each with its own agreements.
    const versions = (await call('get', w.cpManager, `${path}/versions`, 200)).body.data;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(versions[0].supportPackage.weeklyAllowance).toBe(15000);
    expect(versions[1].supportPackage.weeklyAllowance).toBe(20000);
    for (const v of versions) {
      expect(v.agreements.map((a: { role: string }) => a.role).sort()).toEqual([
        'ecpp',
        'family_help_manager',
      ]);
    }

    // The review date is a timescale item: due, then met by the review.
    let ts = (await call('get', w.practitioner, `/cases/${kase.caseId}/timescales`, 200)).body;
    const items = (x: { data?: unknown[] } | unknown[]) =>
      (Array.isArray(x) ? x : (x.data ?? [])) as {
        kind: string;
        planId?: string;
        dueDate: string;
        status: string;
      }[];
    expect(items(ts).filter((i) => i.kind === 'family_network_plan_review')).toEqual([
      expect.objectContaining({ planId: plan.id, dueDate: FUTURE_REVIEW, status: 'due' }),
    ]);
    await call('post', w.practitioner, `${path}/reviews`, 400, {
      reviewedOn: '2099-01-01',
      summary: 'x',
      nextReviewDate: '2099-06-01',
    });
    res = await call('post', w.practitioner, `${path}/reviews`, 201, {
      reviewedOn: TODAY,
      summary: 'Arrangement working; allowance continues.',
      nextReviewDate: '2027-09-01',
    });
    expect(res.body).toMatchObject({
      nextReviewDate: '2027-09-01',
      reviews: [{ reviewedOn: TODAY }],
    });
    ts = (await call('get', w.practitioner, `/cases/${kase.caseId}/timescales`, 200)).body;
    const fnpItems = items(ts).filter((i) => i.kind === 'family_network_plan_review');
    expect(fnpItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ dueDate: FUTURE_REVIEW, status: expect.stringMatching(/^met/) }),
        expect.objectContaining({ dueDate: '2027-09-01', status: 'due' }),
      ]),
    );

    // A later edit that does not name a review date keeps the one the review set (it used to
    // fall back to the version's original date, putting the next review back in the past).
    res = await call(
      'patch',
      w.practitioner,
      path,
      200,
      { supportPackage: { weeklyAllowance: 21000 } },
      { 'If-Match': res.headers.etag as string },
    );
    expect(res.body).toMatchObject({ nextReviewDate: '2027-09-01' });

    // One timeline tells it; every change is audited.
    const timeline = (
      await call('get', w.practitioner, `/cases/${kase.caseId}/timeline?limit=200`, 200)
    ).body.data;
    const types = timeline.map((e: { type: string }) => e.type);
    for (const type of [
      'fgdm_meeting_recorded',
      'family_network_plan_drafted',
      'family_network_plan_agreement',
      'family_network_plan_agreed',
      'family_network_plan_activated',
      'family_network_plan_revised',
      'family_network_plan_reviewed',
    ]) {
      expect(types).toContain(type);
    }
    const c = await db(t);
    const audit = await c.query(
      `SELECT action FROM audit_event WHERE record_id = $1 AND outcome = 'success' ORDER BY id`,
      [plan.id],
    );
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining([
        'family_network_plan.create',
        'family_network_plan.agree',
        'family_network_plan.activate',
        'family_network_plan.update',
        'family_network_plan.review',
      ]),
    );
  });

  it('on a Family Help case the manager alone agrees the plan', async () => {
    const kase = await seedCase(t, w, { referralDate: PAST.referral });
    const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    const plan = await draftFnp(t, w, kase, carer);
    expect(plan).toMatchObject({ requiredAgreements: ['family_help_manager'] });
    const res = await t
      .req()
      .post(`${API}/family-network-plans/${plan.id}/agreements`)
      .set(bearer(w.manager.token))
      .send({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'agreed', agreedVersion: 1 });
  });

  describe('refusals write nothing', () => {
    let kase: SeededCase;
    let carer: string;
    beforeAll(async () => {
      kase = await seedCase(t, w, { referralDate: PAST.referral });
      carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    });

    it.each([
      [
        'a child of another case',
        (k: SeededCase, other: string) => ({ childIds: [other] }),
        'childIds',
      ],
      [
        'an unknown carer',
        () => ({
          carers: [{ networkMemberId: '00000000-0000-4000-8000-000000000000', arrangement: 'x' }],
        }),
        'carers.0.networkMemberId',
      ],
      [
        'a negative allowance',
        () => ({ supportPackage: { weeklyAllowance: -1 } }),
        'supportPackage.weeklyAllowance',
      ],
      ['an unknown field', () => ({ secret: true }), 'secret'],
      ['no carers', () => ({ carers: [] }), 'carers'],
    ])('drafting with %s → 400 naming the field', async (_what, patch, field) => {
      const other = await seedCase(t, w);
      const before = await planFootprint(t, kase.caseId);
      const body = { ...fnpBase(kase, carer), ...patch(kase, other.childIds[0]) };
      const res = await t
        .req()
        .post(`${API}/cases/${kase.caseId}/family-network-plans`)
        .set(bearer(w.practitioner.token))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await planFootprint(t, kase.caseId)).toEqual(before);
    });

    it('a carer from another family is refused', async () => {
      const other = await seedCase(t, w);
      const stranger = await newNetworkMember(t, w.practitioner, other.familyId, 'Stranger');
      const res = await t
        .req()
        .post(`${API}/cases/${kase.caseId}/family-network-plans`)
        .set(bearer(w.practitioner.token))
        .send(fnpBase(kase, stranger));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('carers.0.networkMemberId');
    });
  });
});

function fnpBase(kase: SeededCase, carer: string) {
  return {
    childIds: [kase.childIds[0]],
    carers: [{ networkMemberId: carer, arrangement: 'Weekdays' }],
    supportPackage: { weeklyAllowance: 1000 },
    reviewDate: FUTURE_REVIEW,
  };
}
