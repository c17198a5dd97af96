/**
 * The front door (docs/front-door.md): "the grandmother calls twice". Two calls from a
 * grandmother five weeks apart and a school's concern the same day as the second call are
 * matched to one child; the repeat rule sends the third contact to the manager, whose decision
 * requests a strategy discussion; the school sees only its outcome; an undecided contact past
 * the next working day is listed overdue. TANDEM_TODAY is Friday 2027-04-30.
 */
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newTeam, newUser, newWorld, TestUser, World } from './utils/factories';
import { auditRows, newCase, sql, TestCase } from './utils/case.factories';

const NHS = '9434765919';

describe('the front door: the grandmother calls twice', () => {
  let t: TestApp;
  let w: World;
  let fdWorker: TestUser;
  let fdManager: TestUser;
  let school: TestUser;
  let police: TestUser;
  let lily: string;
  let kase: TestCase;
  const ids: Record<string, string> = {};

  const post = (who: TestUser, path: string, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (who: TestUser, path: string) => t.req().get(`${API}${path}`).set(bearer(who.token));

  const grandmother = { name: 'Margaret Hill', relationship: 'grandmother', phone: '01632 960123' };
  const contact = (extra: object = {}) => ({
    receivedAt: '2027-03-22T10:00:00Z',
    referrer: grandmother,
    source: '1B',
    children: [{ firstName: 'Lilly', lastName: 'Hil', dateOfBirth: '2019-07-03' }],
    concern: 'Lily was crying on the phone and said her mum shouts and hits her.',
    urgency: 'urgent',
    consent: { informed: false, reason: 'Telling her mother may place Lily at risk' },
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [fdWorker, fdManager, school, police] = await Promise.all([
      newUser(t, w.la.id, ['family_help_practitioner']),
      newUser(t, w.la.id, ['family_help_manager']),
      newUser(t, w.la.id, ['partner'], { agency: 'education', name: 'Oakfield Primary DSL' }),
      newUser(t, w.la.id, ['partner'], { agency: 'police' }),
    ]);
    await newTeam(t, w.laAdmin, 'front_door', [
      { user: fdWorker },
      { user: fdManager, profession: 'manager' },
    ]);
    const fam = await post(w.practitioner, '/families', {
      name: 'Hill family',
      members: [
        {
          kind: 'child',
          firstName: 'Lily',
          lastName: 'Hill',
          dateOfBirth: '2019-03-07',
          nhsNumber: NHS,
        },
        { kind: 'adult', firstName: 'Sarah', lastName: 'Hill', relationship: 'mother' },
      ],
    });
    expect(fam.status).toBe(201);
    lily = fam.body.members.find((x: { kind: string }) => x.kind === 'child').id;
    kase = await newCase(t, w, {
      family: { id: fam.body.id, version: 1, childIds: [lily], adultIds: [] },
      referralDate: '2026-10-01',
    });
  });
  afterAll(() => t.close());

  describe('bad input is a 400 naming the field, and changes nothing', () => {
    it.each([
      ['an unknown source code', 'source', { source: '11Z' }],
      ['receivedAt in the future', 'receivedAt', { receivedAt: '2027-05-01T09:00:00Z' }],
      ['receivedAt without a zone', 'receivedAt', { receivedAt: '2027-04-01T09:00:00' }],
      [
        'a child described without a name',
        'children.0.firstName',
        { children: [{ dateOfBirth: '2019-03-07' }] },
      ],
      ['a child without a last name', 'children.0.lastName', { children: [{ firstName: 'Lily' }] }],
      [
        'a referrer without relationship',
        'referrer.relationship',
        { referrer: { name: 'Margaret Hill' } },
      ],
      ['consent not informed without a reason', 'consent.reason', { consent: { informed: false } }],
      [
        'an invalid NHS number',
        'children.0.nhsNumber',
        { children: [{ firstName: 'L', lastName: 'H', nhsNumber: '1234567890' }] },
      ],
      ['an unknown urgency', 'urgency', { urgency: 'soon' }],
    ])('front-door worker: %s → 400 naming %s', async (_what, field, extra) => {
      const before = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM contact WHERE local_authority_id = $1`,
        [w.la.id],
      );
      const res = await post(fdWorker, '/contacts', contact(extra));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const after = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM contact WHERE local_authority_id = $1`,
        [w.la.id],
      );
      expect(after[0].n).toBe(before[0].n);
    });
  });

  it.each([
    ['Family Help practitioner outside the front door', () => w.practitioner, 403],
    ['ECPP', () => w.ecpp, 403],
    ['cp_manager', () => w.cpManager, 403],
    ['la_admin', () => w.laAdmin, 403],
  ])('%s may not raise a contact → %i', async (_who, user, status) => {
    expect((await post(user(), '/contacts', contact())).status).toBe(status);
  });

  it('front-door worker keys in the first call: 201, received, due the next working day, event and audit', async () => {
    const res = await post(fdWorker, '/contacts', contact());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      status: 'received',
      decisionDueBy: '2027-03-23',
    });
    ids.first = res.body.id;
    expect((await auditRows(t, { recordId: ids.first, action: 'contact.create' })).length).toBe(1);
    const events = await sql<{ type: string; data: Record<string, unknown> }>(
      t,
      `SELECT type, data FROM integration_event WHERE local_authority_id = $1 AND data->>'contactId' = $2`,
      [w.la.id, ids.first],
    );
    expect(events.map((e) => e.type)).toEqual(['contact.received']);
    expect(JSON.stringify(events[0].data)).not.toContain('Margaret');
  });

  it('front-door worker: matching finds Lily despite the typos and the transposed date, with her open case (readable)', async () => {
    const res = await get(fdWorker, `/contacts/${ids.first}/matches`);
    expect(res.status).toBe(200);
    expect(res.body.candidates).toEqual([
      expect.objectContaining({
        personId: lily,
        reason: 'name_and_transposed_date_of_birth',
        knownToServices: true,
        hiddenInvolvement: false,
        openCases: [
          expect.objectContaining({ caseId: kase.id, stage: 'family_help', teamId: w.fhTeam.id }),
        ],
      }),
    ]);
  });

  it('restricted case: the front-door worker sees only "known to services"; a front-door manager of the case team sees it', async () => {
    await sql(t, `UPDATE case_record SET restricted = true WHERE id = $1`, [kase.id]);
    try {
      const hidden = await get(fdWorker, `/contacts/${ids.first}/matches`);
      expect(hidden.body.candidates[0]).toMatchObject({
        knownToServices: true,
        hiddenInvolvement: true,
        openCases: [],
        pastCpPlans: 0,
      });
      expect(JSON.stringify(hidden.body)).not.toContain(kase.id);
      const both = await newUser(t, w.la.id, ['family_help_manager']);
      await newTeam(t, w.laAdmin, 'front_door', [{ user: both }]);
      await t
        .req()
        .post(`${API}/teams/${w.fhTeam.id}/members`)
        .set(bearer(w.laAdmin.token))
        .send({ userId: both.id, profession: 'manager' });
      const res = await get(both, `/contacts/${ids.first}/matches`);
      expect(res.body.candidates[0]).toMatchObject({
        hiddenInvolvement: false,
        openCases: [{ caseId: kase.id, stage: 'family_help', teamId: w.fhTeam.id }],
      });
    } finally {
      await sql(t, `UPDATE case_record SET restricted = false WHERE id = $1`, [kase.id]);
    }
  });

  it('front-door worker links, decides advice; the manager authorises; feedback sent; timescale met', async () => {
    expect((await post(fdWorker, `/contacts/${ids.first}/link`, { personId: lily })).status).toBe(
      200,
    );
    const d = await post(fdWorker, `/contacts/${ids.first}/decision`, {
      outcome: 'advice',
      rationale: 'Advice to grandmother; school to monitor.',
    });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      status: 'screening',
      outcome: 'advice',
      requiresManager: false,
      earlierContacts: 0,
    });
    expect((await post(fdWorker, `/contacts/${ids.first}/authorisation`)).status).toBe(403);
    // Authorised on the (fixed) today: after the due date, so met late.
    const a = await post(fdManager, `/contacts/${ids.first}/authorisation`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      status: 'decided',
      timescale: { kind: 'referral_decision', dueDate: '2027-03-23', status: 'met_late' },
    });
    expect(
      (
        await post(fdWorker, `/contacts/${ids.first}/feedback`, {
          summary: 'Thank you; we gave advice.',
        })
      ).body.status,
    ).toBe('feedback_sent');
  });

  it('the second call (five weeks later, by NHS number) and the school the same day are matched to Lily', async () => {
    const second = await post(
      fdWorker,
      '/contacts',
      contact({
        receivedAt: '2027-04-26T09:00:00Z',
        children: [{ firstName: 'Lily', lastName: 'Hill', nhsNumber: NHS }],
      }),
    );
    expect(second.status).toBe(201);
    ids.second = second.body.id;
    const schoolRes = await post(school, '/contacts', {
      receivedAt: '2027-04-26T11:30:00+01:00',
      referrer: {},
      source: '2A',
      children: [{ firstName: 'Lily', lastName: 'Hill', dateOfBirth: '2019-03-07' }],
      concern: 'Bruising on both upper arms; Lily said she was scared to go home.',
      urgency: 'urgent',
      consent: { informed: true },
    });
    expect(schoolRes.status).toBe(201);
    expect(schoolRes.body.decisionDueBy).toBe('2027-04-27');
    ids.school = schoolRes.body.id;
    const m2 = await get(fdWorker, `/contacts/${ids.second}/matches`);
    expect(m2.body.candidates[0]).toMatchObject({
      personId: lily,
      reason: 'nhs_number',
      contactsLast12Months: 1,
    });
    const m3 = await get(fdWorker, `/contacts/${ids.school}/matches`);
    expect(m3.body.candidates[0]).toMatchObject({
      personId: lily,
      reason: 'name_and_date_of_birth',
    });
    for (const id of [ids.second, ids.school])
      expect((await post(fdWorker, `/contacts/${id}/link`, { personId: lily })).status).toBe(200);
  });

  it('the repeat rule fires: the front-door worker may not decide the third contact (409), the manager decides a strategy discussion', async () => {
    const refused = await post(fdWorker, `/contacts/${ids.school}/decision`, {
      outcome: 'nfa',
      rationale: 'School managing.',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('manager_decision_required');
    const d = await post(fdManager, `/contacts/${ids.school}/decision`, {
      outcome: 'strategy_discussion',
      rationale: 'Third contact in five weeks; bruising described by school.',
      caseId: kase.id,
    });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      status: 'decided',
      requiresManager: true,
      earlierContacts: 2,
      caseId: kase.id,
      authorisedById: fdManager.id,
    });
    const events = await sql<{ type: string }>(
      t,
      `SELECT type FROM integration_event WHERE local_authority_id = $1 AND data->>'contactId' = $2 ORDER BY seq`,
      [w.la.id, ids.school],
    );
    expect(events.map((e) => e.type)).toEqual(['contact.received', 'contact.decided']);
    const timeline = await get(w.practitioner, `/cases/${kase.id}/timeline`);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['strategy_discussion_requested', 'contact_decided']),
    );
    // The request waits on the case for the ECPP or cp_manager to schedule the discussion.
    const requests = await sql<{
      status: string;
      child_ids: string[];
      requested_by_id: string;
      reason: string;
    }>(
      t,
      `SELECT status, child_ids::text[] AS child_ids, requested_by_id, reason
         FROM strategy_discussion_request WHERE case_id = $1`,
      [kase.id],
    );
    expect(requests).toEqual([
      expect.objectContaining({
        status: 'open',
        child_ids: [lily],
        requested_by_id: fdManager.id,
        reason: expect.stringContaining('Third contact in five weeks'),
      }),
    ]);
  });

  it('cp_manager sees the strategy discussion request in their queue, and not the undecided calls', async () => {
    const res = await get(w.cpManager, '/contacts?outcome=strategy_discussion');
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([ids.school]);
    expect((await get(w.cpManager, `/contacts/${ids.second}`)).status).toBe(404);
  });

  it('the school (referrer) sees only its own contact and its outcome, never the case', async () => {
    expect(
      (
        await post(fdWorker, `/contacts/${ids.school}/feedback`, {
          summary: 'Thank you. We are acting on your concern today.',
        })
      ).status,
    ).toBe(200);
    const mine = await get(school, '/partner/contacts');
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      {
        id: ids.school,
        status: 'feedback_sent',
        receivedAt: '2027-04-26T10:30:00.000Z',
        concern: expect.any(String),
        children: ['Lily Hill'],
        outcome: 'strategy_discussion',
        feedbackSummary: 'Thank you. We are acting on your concern today.',
        feedbackAt: expect.any(String),
      },
    ]);
    const one = await get(school, `/contacts/${ids.school}`);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('caseId');
    expect(one.body).not.toHaveProperty('rationale');
    expect((await get(school, `/contacts/${ids.second}`)).status).toBe(404);
    expect((await get(school, `/cases/${kase.id}`)).status).toBe(404);
    expect((await get(police, `/contacts/${ids.school}`)).status).toBe(404);
    expect((await get(police, '/partner/contacts')).body.data).toEqual([]);
  });

  it.each([
    ['school (referrer)', () => school, 404],
    ['police partner', () => police, 404],
    ['Family Help practitioner outside the front door', () => w.practitioner, 404],
  ])('%s may not decide a contact → %i', async (_who, user, status) => {
    const res = await post(user(), `/contacts/${ids.second}/decision`, {
      outcome: 'nfa',
      rationale: 'x',
    });
    expect(res.status).toBe(status);
  });

  it('a decision left past the next working day is listed overdue (front-door worker)', async () => {
    const res = await get(fdWorker, '/contacts?overdue=true');
    expect(res.status).toBe(200);
    const listed = res.body.data.map((c: { id: string }) => c.id);
    expect(listed).toContain(ids.second);
    expect(listed).not.toContain(ids.school);
    expect(res.body.data.find((c: { id: string }) => c.id === ids.second).timescale).toEqual({
      kind: 'referral_decision',
      dueDate: '2027-04-27',
      status: 'overdue',
    });
  });

  it.each([
    ['Family Help practitioner outside the front door', () => w.practitioner, 403],
    ['ECPP', () => w.ecpp, 403],
  ])('%s may not list the front-door queue → %i', async (_who, user, status) => {
    expect((await get(user(), '/contacts')).status).toBe(status);
  });

  it('front-door manager reads the indicators: decisions within a working day, repeat contacts', async () => {
    const res = await get(fdManager, '/contacts/indicators?from=2027-03-01&to=2027-04-30');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      received: 3,
      decided: 2,
      decidedWithinWorkingDay: 0,
      percentWithinWorkingDay: 0,
      undecidedOverdue: 1,
      repeatContacts: 2,
      thirdOrLaterContacts: 1,
    });
  });

  it.each([
    ['ECPP', () => w.ecpp, 403],
    ['la_admin', () => w.laAdmin, 403],
  ])('%s may not read the front-door indicators → %i', async (_who, user, status) => {
    expect((await get(user(), '/contacts/indicators')).status).toBe(status);
  });

  it('la_admin exports Annex A list 1: one row per child per contact, matched children by their id', async () => {
    const res = await get(w.laAdmin, '/exports/annex-a?list=1');
    expect(res.status).toBe(200);
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source',
    );
    const censusId = `T${lily.replace(/-/g, '').slice(0, 19)}`.toUpperCase();
    expect(lines.slice(1)).toEqual([
      // The Annex A specification's categories and DD/MM/YYYY dates; the child's census id.
      `${censusId},c) Not stated/recorded,,07/03/2019,8,22/03/2027,b) 1B: Individual`,
      `${censusId},c) Not stated/recorded,,07/03/2019,8,26/04/2027,b) 1B: Individual`,
      `${censusId},c) Not stated/recorded,,07/03/2019,8,26/04/2027,e) 2A: Schools`,
    ]);
  });

  it('a contact of another LA is a 404 for a front-door worker, audited', async () => {
    const other = await newWorld(t);
    const outsider = await newUser(t, other.la.id, ['family_help_practitioner']);
    await newTeam(t, other.laAdmin, 'front_door', [{ user: outsider }]);
    expect((await get(outsider, `/contacts/${ids.second}`)).status).toBe(404);
    expect((await get(fdWorker, `/contacts/${randomUUID()}`)).status).toBe(404);
  });
});

describe('the front door: a Family Help assessment decision makes the contact the case referral', () => {
  let t: TestApp;
  let w: World;
  let fdWorker: TestUser;
  let fdManager: TestUser;

  const post = (who: TestUser, path: string, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (who: TestUser, path: string) => t.req().get(`${API}${path}`).set(bearer(who.token));

  async function decidedAssessment(kase: TestCase, receivedAt: string) {
    const c = await post(fdWorker, '/contacts', {
      receivedAt,
      referrer: { name: 'Dr Patel', relationship: 'GP', organisation: 'Elm Surgery' },
      source: '3A',
      children: [{ personId: kase.childIds[0] }],
      concern: 'Missed appointments; mother very low.',
      urgency: 'routine',
      consent: { informed: true },
    });
    expect(c.status).toBe(201);
    const d = await post(fdWorker, `/contacts/${c.body.id}/decision`, {
      outcome: 'family_help_assessment',
      rationale: 'Needs a Family Help assessment.',
      caseId: kase.id,
    });
    expect(d.status).toBe(200);
    return post(fdManager, `/contacts/${c.body.id}/authorisation`);
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [fdWorker, fdManager] = await Promise.all([
      newUser(t, w.la.id, ['family_help_practitioner']),
      newUser(t, w.la.id, ['family_help_manager']),
    ]);
    await newTeam(t, w.laAdmin, 'front_door', [
      { user: fdWorker },
      { user: fdManager, profession: 'manager' },
    ]);
  });
  afterAll(() => t.close());

  it('front-door manager authorises on an open case: the referral date moves to the contact, the 45-day clock restarts', async () => {
    const kase = await newCase(t, w, { referralDate: '2026-10-01' });
    const a = await decidedAssessment(kase, '2027-04-01T09:00:00Z');
    expect(a.status).toBe(200);
    const c = await get(w.practitioner, `/cases/${kase.id}`);
    expect(c.body.referral ?? { date: c.body.referralDate }).toMatchObject({ date: '2027-04-01' });
    const ts = await get(w.practitioner, `/cases/${kase.id}/timescales`);
    const assessments = (ts.body.data ?? ts.body.items ?? ts.body).filter(
      (x: { kind: string }) => x.kind === 'assessment',
    );
    // 45 working days from 1 April 2027 (Easter and two May bank holidays skipped); the earlier
    // referral's item stays listed as history.
    expect(assessments.map((x: { dueDate: string }) => x.dueDate)).toEqual([
      '2026-12-03',
      '2027-06-07',
    ]);
    const timeline = await get(w.practitioner, `/cases/${kase.id}/timeline`);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['referral_added', 'contact_decided']),
    );
  });

  it('front-door manager authorises on a closed case: it reopens in Family Help with the contact as referral', async () => {
    const kase = await newCase(t, w, { referralDate: '2026-10-01' });
    expect(
      (
        await post(w.manager, `/cases/${kase.id}/close`, {
          reason: 'RC8',
          closedOn: '2026-12-01',
          note: 'Closed after assessment.',
        })
      ).status,
    ).toBe(200);
    const a = await decidedAssessment(kase, '2027-04-06T09:00:00Z');
    expect(a.status).toBe(200);
    const c = await get(w.practitioner, `/cases/${kase.id}`);
    expect(c.body.stage).toBe('family_help');
    const events = await sql<{ type: string }>(
      t,
      `SELECT type FROM integration_event WHERE local_authority_id = $1 AND data->>'caseId' = $2 ORDER BY seq`,
      [w.la.id, kase.id],
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.reopened', 'contact.decided']),
    );
  });

  it('a contact received before the case closed cannot reopen it (409), and nothing changes', async () => {
    const kase = await newCase(t, w, { referralDate: '2026-10-01' });
    await post(w.manager, `/cases/${kase.id}/close`, {
      reason: 'RC8',
      closedOn: '2027-04-20',
    });
    const a = await decidedAssessment(kase, '2027-04-06T09:00:00Z');
    expect(a.status).toBe(409);
    expect(a.body.code).toBe('referral_before_closure');
    expect((await get(w.practitioner, `/cases/${kase.id}`)).body.stage).toBe('closed');
  });

  it('a decision recorded after the fact keeps its own times: met within the working day; times out of order are a 400', async () => {
    const kase = await newCase(t, w, { referralDate: '2026-10-01' });
    const c = await post(fdWorker, '/contacts', {
      receivedAt: '2027-04-09T16:30:00+01:00',
      referrer: { name: 'A neighbour', relationship: 'neighbour' },
      source: '1C',
      children: [{ personId: kase.childIds[0] }],
      concern: 'Children heard crying late at night.',
      urgency: 'routine',
      consent: { informed: true },
    });
    expect(c.body.decisionDueBy).toBe('2027-04-12');
    const early = await post(fdWorker, `/contacts/${c.body.id}/decision`, {
      outcome: 'nfa',
      rationale: 'x',
      decidedAt: '2027-04-09T15:00:00+01:00',
    });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('decidedAt');
    const d = await post(fdWorker, `/contacts/${c.body.id}/decision`, {
      outcome: 'advice',
      rationale: 'Advice given to the neighbour.',
      decidedAt: '2027-04-12T09:00:00+01:00',
    });
    expect(d.status).toBe(200);
    const future = await post(fdManager, `/contacts/${c.body.id}/authorisation`, {
      authorisedAt: '2027-05-03T09:00:00+01:00',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('authorisedAt');
    const a = await post(fdManager, `/contacts/${c.body.id}/authorisation`, {
      authorisedAt: '2027-04-12T11:00:00+01:00',
    });
    expect(a.status).toBe(200);
    expect(a.body.timescale).toEqual({
      kind: 'referral_decision',
      dueDate: '2027-04-12',
      status: 'met',
      metAt: '2027-04-12',
    });
  });

  it('the re-referral indicator counts the two referrals of children referred in the 12 months before', async () => {
    const res = await get(w.manager, '/contacts/indicators?from=2027-04-01&to=2027-04-30');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      referrals: 2,
      reReferralsWithin12Months: 2,
      percentReReferrals: 100,
    });
  });
});
