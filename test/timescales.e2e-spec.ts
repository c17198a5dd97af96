import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import {
  assignEcpp,
  caseFootprint,
  caseInChildProtection,
  closeDb,
  convenedAndOnPlan,
  raiseConcern,
  seedCase,
  SeededCase,
} from './utils/cp.factories';

interface Item {
  kind: string;
  dueDate: string;
  status: string;
  metAt?: string;
  childId?: string;
}

describe('statutory timescales (working days exclude England & Wales bank holidays)', () => {
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

  const post = (path: string, token: string, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(token)).send(body);
  const get = (path: string, token: string) => t.req().get(`${API}${path}`).set(bearer(token));
  const timescales = async (kase: SeededCase, asOf: string, token = w.practitioner.token) => {
    const res = await get(`/cases/${kase.caseId}/timescales?asOf=${asOf}`, token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: expect.any(Array) });
    return res.body.data as Item[];
  };
  const find = (items: Item[], kind: string) => items.filter((i) => i.kind === kind);

  it('Christmas 2026: a strategy discussion on Fri 18 December puts the ICPC due on Wed 13 January 2027', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    expect(find(await timescales(kase, '2027-01-13'), 'initial_cp_conference')).toEqual([
      { kind: 'initial_cp_conference', dueDate: '2027-01-13', status: 'due' },
    ]);
    expect(find(await timescales(kase, '2027-01-14'), 'initial_cp_conference')).toEqual([
      { kind: 'initial_cp_conference', dueDate: '2027-01-13', status: 'overdue' },
    ]);
    const meeting = await post(`/cases/${kase.caseId}/meetings`, w.ecpp.token, {
      kind: 'initial_cp_conference',
      date: '2027-01-12',
      attendees: ['ECPP', 'DS Patel, police', 'Health visitor', 'Mother'],
    });
    expect(meeting.status).toBe(201);
    expect(find(await timescales(kase, '2027-01-14'), 'initial_cp_conference')).toEqual([
      { kind: 'initial_cp_conference', dueDate: '2027-01-13', status: 'met', metAt: '2027-01-12' },
    ]);
  });

  it('Easter 2027: a strategy discussion on Fri 19 March puts the ICPC due on Tue 13 April (Good Friday and Easter Monday excluded)', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2027-03-19' });
    const [icpc] = find(await timescales(kase, '2027-04-13'), 'initial_cp_conference');
    expect(icpc).toEqual({ kind: 'initial_cp_conference', dueDate: '2027-04-13', status: 'due' });
    const [late] = find(await timescales(kase, '2027-04-14'), 'initial_cp_conference');
    expect(late.status).toBe('overdue');
  });

  it('a CP plan starts the review, core-group and visit clocks; meetings and visits meet them', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
    let items = await timescales(kase, '2027-01-20');
    expect(find(items, 'initial_cp_conference')).toEqual([
      { kind: 'initial_cp_conference', dueDate: '2027-01-13', status: 'met', metAt: '2027-01-12' },
    ]);
    expect(find(items, 'review_cp_conference')).toEqual([
      { kind: 'review_cp_conference', dueDate: '2027-04-12', status: 'due' },
    ]);
    expect(find(items, 'core_group')).toEqual([
      { kind: 'core_group', dueDate: '2027-01-26', status: 'due' },
    ]);
    expect(find(items, 'visit')).toEqual([
      { kind: 'visit', childId: kase.childIds[0], dueDate: '2027-01-26', status: 'due' },
    ]);

    await post(`/cases/${kase.caseId}/meetings`, w.practitioner.token, {
      kind: 'core_group',
      date: '2027-01-25',
    }).expect(201);
    const visit = await post(`/cases/${kase.caseId}/visits`, w.practitioner.token, {
      childId: kase.childIds[0],
      date: '2027-01-20',
      seenAlone: true,
      summary: 'Seen in his bedroom; talked about school.',
    });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ seenAlone: true, date: '2027-01-20' });
    items = await timescales(kase, '2027-02-04');
    expect(find(items, 'core_group')).toEqual([
      { kind: 'core_group', dueDate: '2027-01-26', status: 'met', metAt: '2027-01-25' },
      { kind: 'core_group', dueDate: '2027-02-22', status: 'due' },
    ]);
    expect(find(items, 'visit')).toEqual([
      {
        kind: 'visit',
        childId: kase.childIds[0],
        dueDate: '2027-01-26',
        status: 'met',
        metAt: '2027-01-20',
      },
      { kind: 'visit', childId: kase.childIds[0], dueDate: '2027-02-03', status: 'overdue' },
    ]);

    // Local policy: visits every 15 working days (la_admin, If-Match).
    const la = await get(`/local-authorities/${w.la.id}`, w.laAdmin.token);
    await t
      .req()
      .patch(`${API}/local-authorities/${w.la.id}/settings`)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', la.headers.etag)
      .send({ visitIntervalWorkingDays: 15 })
      .expect(200);
    items = await timescales(kase, '2027-02-04');
    expect(find(items, 'visit')[1]).toEqual({
      kind: 'visit',
      childId: kase.childIds[0],
      dueDate: '2027-02-10',
      status: 'due',
    });
    await t
      .req()
      .patch(`${API}/local-authorities/${w.la.id}/settings`)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', `"${la.body.version + 1}"`)
      .send({ visitIntervalWorkingDays: 10 })
      .expect(200);

    await post(`/cases/${kase.caseId}/meetings`, w.ecpp.token, {
      kind: 'review_cp_conference',
      date: '2027-04-08',
    }).expect(201);
    items = await timescales(kase, '2027-04-09');
    expect(find(items, 'review_cp_conference')).toEqual([
      { kind: 'review_cp_conference', dueDate: '2027-04-12', status: 'met', metAt: '2027-04-08' },
      { kind: 'review_cp_conference', dueDate: '2027-10-08', status: 'due' },
    ]);

    const meetings = await get(`/cases/${kase.caseId}/meetings`, w.manager.token);
    // The initial conference, held and quorate, is listed as the meeting it was.
    expect(meetings.body.data.map((m: { kind: string }) => m.kind)).toEqual([
      'initial_cp_conference',
      'core_group',
      'review_cp_conference',
    ]);
    const visits = await get(`/cases/${kase.caseId}/visits`, w.cpManager.token);
    expect(visits.body.data).toHaveLength(1);
  });

  it('assessment: due 45 working days after the referral; met by the authorised completion, not by the lead alone (once only)', async () => {
    const kase = await seedCase(t, w, { referralDate: '2026-10-01' });
    expect(find(await timescales(kase, '2026-12-04'), 'assessment')).toEqual([
      { kind: 'assessment', dueDate: '2026-12-03', status: 'overdue' },
    ]);
    const early = await post(`/cases/${kase.caseId}/assessments`, w.practitioner.token, {
      childIds: kase.childIds,
      startedOn: '2026-09-30',
    });
    expect(early.status).toBe(400);
    const started = await post(`/cases/${kase.caseId}/assessments`, w.practitioner.token, {
      childIds: kase.childIds,
      startedOn: '2026-10-02',
    });
    expect(started.status).toBe(201);
    const id: string = started.body.id;
    const completed = await post(`/assessments/${id}/completion`, w.practitioner.token, {
      completedOn: '2026-11-20',
      outcome: 'family_help_plan',
    });
    expect([completed.status, completed.body.completedOn]).toEqual([200, '2026-11-20']);
    // family_help_practitioner: completing is not authorising; the item stays overdue.
    expect(find(await timescales(kase, '2026-12-04'), 'assessment')).toEqual([
      { kind: 'assessment', dueDate: '2026-12-03', status: 'overdue' },
    ]);
    expect((await post(`/assessments/${id}/authorisation`, w.practitioner.token, {})).status).toBe(
      403,
    );
    const before = await caseFootprint(t, kase.caseId);
    // family_help_manager of the team: the authorisation meets it on the completion day.
    const done = await post(`/assessments/${id}/authorisation`, w.manager.token, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'authorised', completedOn: '2026-11-20' });
    expect(Number((await caseFootprint(t, kase.caseId)).version)).toBe(Number(before.version) + 1);
    expect(find(await timescales(kase, '2026-12-04'), 'assessment')).toEqual([
      { kind: 'assessment', dueDate: '2026-12-03', status: 'met', metAt: '2026-11-20' },
    ]);
    const again = await post(`/assessments/${id}/authorisation`, w.manager.token, {});
    expect(again.status).toBe(409);
  });

  it('recording: only the case team or its ECPP; a child of the case; valid dates; nothing written when refused', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const before = await caseFootprint(t, kase.caseId);
    const meeting = { kind: 'strategy_discussion', date: '2026-12-17' };
    expect((await post(`/cases/${kase.caseId}/meetings`, w.ecpp2.token, meeting)).status).toBe(403);
    expect(
      (await post(`/cases/${kase.caseId}/meetings`, w.otherPractitioner.token, meeting)).status,
    ).toBe(403);
    expect((await post(`/cases/${kase.caseId}/meetings`, w.cpManager.token, meeting)).status).toBe(
      403,
    );
    expect((await post(`/cases/${kase.caseId}/meetings`, w.laAdmin.token, meeting)).status).toBe(
      403,
    );
    const other = await newWorld(t);
    expect(
      (await post(`/cases/${kase.caseId}/meetings`, other.practitioner.token, meeting)).status,
    ).toBe(404);
    const bad = await post(`/cases/${kase.caseId}/meetings`, w.ecpp.token, {
      kind: 'picnic',
      date: '2026-02-29',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['date', 'kind']);
    const stranger = await post(`/cases/${kase.caseId}/visits`, w.practitioner.token, {
      childId: other.la.id,
      date: '2026-12-17',
      seenAlone: false,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'childId' })]);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
    expect(
      (await get(`/cases/${kase.caseId}/timescales?asOf=2027-13-01`, w.ecpp.token)).status,
    ).toBe(400);
    expect((await get(`/cases/${kase.caseId}/timescales`, w.laAdmin.token)).status).toBe(403);
    expect((await get(`/cases/${kase.caseId}/timescales`, other.ecpp.token)).status).toBe(404);
    const today = await get(`/cases/${kase.caseId}/timescales`, w.ecpp.token);
    expect(today.status).toBe(200);
    expect(today.body.data.map((i: Item) => i.kind)).toContain('assessment');
  });

  describe('overdue across teams', () => {
    let world: World;
    let a: SeededCase;
    let b: SeededCase;
    beforeAll(async () => {
      world = await newWorld(t);
      // a: co-worked, ICPC overdue on 2027-01-14; b: Family Help only, assessment overdue.
      a = await caseInChildProtection(t, world, {
        strategyDiscussionDate: '2026-12-18',
        referralDate: '2026-12-01',
      });
      b = await seedCase(t, world, { referralDate: '2026-10-01' });
    });
    const overdue = (who: { token: string }, query: string) =>
      get(`/timescales/overdue?asOf=2027-01-14${query}`, who.token);

    it('a family_help_manager sees their teams’ overdue work; a cp_manager the co-worked cases', async () => {
      const fh = await overdue(world.manager, '');
      expect(fh.status).toBe(200);
      const fhItems = fh.body.data.map((i: Item & { caseId: string }) => [i.caseId, i.kind]);
      expect(fhItems).toEqual(
        expect.arrayContaining([
          [a.caseId, 'initial_cp_conference'],
          [b.caseId, 'assessment'],
        ]),
      );
      expect(fh.body.data.every((i: Item) => i.status === 'overdue')).toBe(true);
      const cp = await overdue(world.cpManager, '');
      const cpCases = new Set(cp.body.data.map((i: { caseId: string }) => i.caseId));
      expect(cpCases.has(a.caseId)).toBe(true);
      expect(cpCases.has(b.caseId)).toBe(false);
      const cpTeam = await overdue(world.cpManager, `&teamId=${world.cpTeam.id}`);
      expect(cpTeam.body.data.map((i: { caseId: string }) => i.caseId)).toContain(a.caseId);
    });

    it('pages with a cursor (limit=1) without losing or repeating items', async () => {
      const all = (await overdue(world.manager, '&limit=200')).body.data;
      const paged: unknown[] = [];
      let cursor: string | null = null;
      do {
        const res = await overdue(world.manager, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(1);
        paged.push(...res.body.data);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all.length).toBeGreaterThanOrEqual(2);
    });

    it('refuses practitioners (403), other teams of a manager (404), and bad limits (400)', async () => {
      expect((await overdue(world.practitioner, '')).status).toBe(403);
      expect((await overdue(world.ecpp, '')).status).toBe(403);
      expect((await overdue(world.manager, `&teamId=${world.otherFhTeam.id}`)).status).toBe(404);
      expect((await overdue(world.manager, '&limit=201')).status).toBe(400);
      expect((await overdue(world.manager, '&cursor=nonsense')).status).toBe(400);
    });
  });
});
