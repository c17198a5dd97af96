import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World, addTeamMember } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  caseInChildProtection,
  closeDb,
  concludedConference,
  convenedAndOnPlan,
  decide,
  RATIONALE,
  SeededCase,
} from './utils/cp.factories';

/**
 * Child protection conferences (issue 26): scheduled by the cp_manager with an independent
 * conference_chair, held and concluded by that chair; fixed past dates (TEST_TODAY 2027-04-30).
 */
describe('child protection conferences', () => {
  let t: TestApp;
  let w: World;
  let chair: TestUser;
  let otherChair: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [chair, otherChair] = await Promise.all([
      newUser(t, w.la.id, ['conference_chair']),
      newUser(t, w.la.id, ['conference_chair']),
    ]);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, who: TestUser, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));
  const QUORATE = [
    { agency: 'social_care', userId: '', attended: true },
    { agency: 'police', name: 'DC Rowe', attended: true },
    { agency: 'health', name: 'Health visitor', attended: true },
    { agency: 'education', name: 'Head teacher', attended: false },
  ];
  const held = (heldOn: string, attendance = QUORATE) => ({
    heldOn,
    attendance: attendance.map((a) => (a.userId === '' ? { ...a, userId: w.ecpp.id } : a)),
    parents: { attended: true, advocatePresent: true },
    childViews: { views: 'Wants the shouting to stop.', how: 'Direct work at school' },
  });
  const conferences = async (caseId: string) =>
    (await sql(t, `SELECT count(*)::int AS n FROM cp_conference WHERE case_id = $1`, [caseId]))[0]
      .n;

  async function convened(): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w);
    await decide(t, kase, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2026-12-21',
      conferenceDate: '2027-01-12',
    });
    return kase;
  }

  async function scheduled(kase: SeededCase, type = 'initial', by = chair) {
    const res = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
      type,
      childIds: kase.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: by.id,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  it('cp_manager: a chair who is not independent of the case is 409 chair_not_independent; nothing written', async () => {
    const kase = await convened();
    const inTeam = await newUser(t, w.la.id, ['conference_chair']);
    await addTeamMember(t, w.laAdmin, w.fhTeam.id, inTeam.id);
    const inEcppTeam = await newUser(t, w.la.id, ['conference_chair']);
    await addTeamMember(t, w.laAdmin, w.cpTeam.id, inEcppTeam.id, 'manager');
    for (const who of [inTeam, inEcppTeam]) {
      const res = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
        type: 'initial',
        childIds: kase.childIds,
        scheduledFor: '2027-01-12T10:00:00Z',
        chairId: who.id,
      });
      expect([res.status, res.body.code]).toEqual([409, 'chair_not_independent']);
    }
    const notChair = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
      type: 'initial',
      childIds: kase.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: w.practitioner.id,
    });
    expect([notChair.status, notChair.body.code]).toEqual([409, 'not_conference_chair']);
    expect(await conferences(kase.caseId)).toBe(0);
  });

  it.each([
    ['family_help_practitioner', (x: World) => x.practitioner],
    ['family_help_manager', (x: World) => x.manager],
    ['ecpp', (x: World) => x.ecpp],
  ])('%s may not schedule a conference (403)', async (_role, who) => {
    const kase = await convened();
    const res = await post(`/cases/${kase.caseId}/conferences`, who(w), {
      type: 'initial',
      childIds: kase.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: chair.id,
    });
    expect(res.status).toBe(403);
    expect(await conferences(kase.caseId)).toBe(0);
  });

  it('cp_manager: an initial conference before the ECPP convened one is 409 no_conference_convened', async () => {
    const kase = await caseInChildProtection(t, w);
    const res = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
      type: 'initial',
      childIds: kase.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: chair.id,
    });
    expect([res.status, res.body.code]).toEqual([409, 'no_conference_convened']);
  });

  it('conference_chair: holds and concludes only the conference they chair; sees nothing else of the case', async () => {
    const kase = await convened();
    const k = await scheduled(kase);
    // Another chair: the conference is not visible to them (404), nor the case.
    expect((await post(`/conferences/${k.id}/held`, otherChair, held('2027-01-12'))).status).toBe(
      404,
    );
    expect((await get(`/conferences/${k.id}`, otherChair)).status).toBe(404);
    // Staff of the case may read it, not record it.
    expect((await post(`/conferences/${k.id}/held`, w.ecpp, held('2027-01-12'))).status).toBe(403);
    expect((await post(`/conferences/${k.id}/held`, w.cpManager, held('2027-01-12'))).status).toBe(
      403,
    );
    // The chair reads their conference but not the case.
    expect((await get(`/conferences/${k.id}`, chair)).status).toBe(200);
    expect((await get(`/cases/${kase.caseId}`, chair)).status).toBe(403);

    const future = await post(`/conferences/${k.id}/held`, chair, held('2027-05-01'));
    expect([future.status, future.body.errors?.[0]?.field]).toEqual([400, 'heldOn']);
    const noReason = await post(`/conferences/${k.id}/held`, chair, {
      ...held('2027-01-12'),
      parents: { attended: false, advocatePresent: false },
    });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([
      400,
      'parents.excludedReason',
    ]);
    const h = await post(`/conferences/${k.id}/held`, chair, held('2027-01-12'));
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'held', heldOn: '2027-01-12', quorate: true });

    const outcome = {
      children: kase.childIds.map((childId) => ({ childId, plan: 'start', category: 'NEG' })),
      outlinePlan: 'Weekly visits; parenting programme; health checks.',
      contingency: 'Legal gateway meeting if the plan does not reduce risk.',
      coreGroup: [w.practitioner.id],
      dissent: [{ agency: 'education', view: 'School doubts a plan is needed.' }],
      nextReviewBy: '2027-04-12',
    };
    const noEcpp = await post(`/conferences/${k.id}/outcome`, chair, outcome);
    expect([noEcpp.status, noEcpp.body.errors?.[0]?.field]).toEqual([400, 'coreGroup']);
    const done = await post(`/conferences/${k.id}/outcome`, chair, {
      ...outcome,
      coreGroup: [w.practitioner.id, w.ecpp.id],
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'concluded',
      outcome: { nextReviewBy: '2027-04-12' },
    });
    const again = await post(`/conferences/${k.id}/outcome`, chair, outcome);
    expect([again.status, again.body.code]).toEqual([409, 'conference_already_concluded']);

    const listed = await get(`/cases/${kase.caseId}/conferences`, w.practitioner);
    expect(listed.body.data.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
      [k.id, 'concluded'],
    ]);
    const timeline = await sql(
      t,
      `SELECT type FROM case_event WHERE case_id = $1 AND type LIKE 'conference_%' ORDER BY at, id`,
      [kase.caseId],
    );
    expect(timeline.map((e) => e.type)).toEqual([
      'conference_scheduled',
      'conference_held',
      'conference_concluded',
    ]);
  });

  it('conference_chair: an inquorate conference (social care and one agency) cannot decide: 409 conference_not_quorate', async () => {
    const kase = await convened();
    const k = await scheduled(kase);
    const h = await post(
      `/conferences/${k.id}/held`,
      chair,
      held('2027-01-12', QUORATE.slice(0, 2)),
    );
    expect(h.body.quorate).toBe(false);
    const res = await post(`/conferences/${k.id}/outcome`, chair, {
      children: kase.childIds.map((childId) => ({ childId, plan: 'none' })),
      outlinePlan: '',
      contingency: '',
      coreGroup: [],
      dissent: [],
    });
    expect([res.status, res.body.code]).toEqual([409, 'conference_not_quorate']);
  });

  it('cp_manager: a review conference is for children on a plan (409 child_not_on_plan)', async () => {
    const kase = await convened();
    const res = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
      type: 'review',
      childIds: kase.childIds,
      scheduledFor: '2027-04-12T10:00:00Z',
      chairId: chair.id,
    });
    expect([res.status, res.body.code]).toEqual([409, 'child_not_on_plan']);
  });

  describe('plan decisions cite the conference', () => {
    it('ecpp: a plan without a conference outcome is 409 conference_outcome_required; with one it starts', async () => {
      const kase = await convened();
      const body = {
        type: 'start_child_protection_plan',
        rationale: RATIONALE,
        childIds: kase.childIds,
        effectiveDate: '2027-01-12',
        category: 'NEG',
      };
      const bare = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, body);
      expect([bare.status, bare.body.code]).toEqual([409, 'conference_outcome_required']);
      const none = await concludedConference(t, w, kase, {
        type: 'initial',
        heldOn: '2027-01-12',
        plan: 'none',
      });
      const noPlan = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        ...body,
        conferenceId: none.id,
      });
      expect([noPlan.status, noPlan.body.code]).toEqual([409, 'conference_outcome_required']);
      const k = await concludedConference(t, w, kase, {
        type: 'initial',
        heldOn: '2027-01-12',
        plan: 'start',
        category: 'PHY',
      });
      const wrongCategory = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        ...body,
        conferenceId: k.id,
      });
      expect([wrongCategory.status, wrongCategory.body.errors?.[0]?.field]).toEqual([
        400,
        'category',
      ]);
      const ok = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        ...body,
        category: 'PHY',
        conferenceId: k.id,
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ conferenceId: k.id, caseStage: 'child_protection' });
    });

    it('ecpp: ending a plan with no review is 409; a quorate review chaired independently ends it, the stage returns to Family Help with the same lead, and the CP items stay listed', async () => {
      const kase = await caseInChildProtection(t, w);
      await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
      const end = {
        type: 'end_child_protection_plan',
        rationale: RATIONALE,
        childIds: kase.childIds,
        effectiveDate: '2027-04-08',
      };
      const alone = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, end);
      expect([alone.status, alone.body.code]).toEqual([409, 'review_conference_required']);
      const review = await concludedConference(t, w, kase, {
        type: 'review',
        heldOn: '2027-04-08',
        plan: 'end',
      });
      const ended = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        ...end,
        conferenceId: review.id,
      });
      expect(ended.status).toBe(201);
      expect(ended.body.caseStage).toBe('family_help');
      const c = await get(`/cases/${kase.caseId}`, w.practitioner);
      expect(c.body).toMatchObject({ stage: 'family_help', leadPractitionerId: w.practitioner.id });
      const items = await get(`/cases/${kase.caseId}/timescales?asOf=2027-04-30`, w.practitioner);
      const kinds = items.body.data.map((i: { kind: string }) => i.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['initial_cp_conference', 'core_group', 'visit']),
      );
    });

    it('ecpp: a statutory exception ends a plan without a review, with its reason', async () => {
      const kase = await caseInChildProtection(t, w);
      await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
      const res = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        type: 'end_child_protection_plan',
        rationale: RATIONALE,
        childIds: kase.childIds,
        effectiveDate: '2027-03-01',
        exception: 'moved_to_other_la',
        exceptionReason: 'Family moved to Northshire; plan transferred at their conference.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ exception: 'moved_to_other_la', caseStage: 'family_help' });
    });
  });
});
