import { createTestApp, TestApp } from './utils/create-app';
import { legalGateway } from './utils/proceedings.factories';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import {
  assignEcpp,
  caseFootprint,
  closeDb,
  convenedAndOnPlan,
  decide,
  OUTSIDE_TANDEM,
  raiseConcern,
  RATIONALE,
  seedCase,
  SeededCase,
} from './utils/cp.factories';

/**
 * A s47 enquiry per child in any open stage (issue 26): a new allegation about a sibling while
 * the case is already in child protection starts that child's own enquiry, with its own ICPC
 * clock; the other child's plan goes on. Fixed past dates (TEST_TODAY 2027-04-30).
 */
describe('s47 enquiry per child in any open stage', () => {
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

  const s47 = (kase: SeededCase, childIds: string[], who: TestUser, over: object = {}) =>
    t
      .req()
      .post(`${API}/cases/${kase.caseId}/decisions`)
      .set(bearer(who.token))
      .send({
        type: 'start_section_47_enquiry',
        rationale: RATIONALE,
        childIds,
        effectiveDate: '2027-02-03',
        strategyDiscussionDate: '2027-02-02',
        overrideReason: OUTSIDE_TANDEM,
        ...over,
      });
  const concernAbout = (kase: SeededCase, childIds: string[], raisedOn: string) =>
    t
      .req()
      .post(`${API}/cases/${kase.caseId}/concerns`)
      .set(bearer(w.practitioner.token))
      .send({ summary: 'New allegation about the sibling', childIds, raisedOn });

  /** Two children; the first on a plan since 2027-01-12 after its own enquiry. */
  async function firstChildOnPlan(): Promise<{ kase: SeededCase; first: string; sibling: string }> {
    const kase = await seedCase(t, w, { children: 2 });
    const [first, sibling] = kase.childIds;
    const c = await concernAbout(kase, [first], '2026-12-15');
    expect(c.status).toBe(201);
    await assignEcpp(t, w, kase);
    await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      childIds: [first],
      effectiveDate: '2026-12-18',
    });
    await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12', [first], w);
    return { kase, first, sibling };
  }

  it('ecpp: a sibling without a concern of their own is 409 no_open_concern; nothing written', async () => {
    const { kase, sibling } = await firstChildOnPlan();
    const before = await caseFootprint(t, kase.caseId);
    const res = await s47(kase, [sibling], w.ecpp);
    expect([res.status, res.body.code]).toEqual([409, 'no_open_concern']);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it.each([
    ['family_help_practitioner', (x: World) => x.practitioner],
    ['family_help_manager', (x: World) => x.manager],
    ['cp_manager', (x: World) => x.cpManager],
  ])('%s may not start the sibling enquiry (403; the ECPP decides)', async (_role, who) => {
    const { kase, sibling } = await firstChildOnPlan();
    expect((await concernAbout(kase, [sibling], '2027-02-01')).status).toBe(201);
    const before = await caseFootprint(t, kase.caseId);
    const res = await s47(kase, [sibling], who(w));
    expect(res.status).toBe(403);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it('ecpp: starts the sibling enquiry while the case is in child protection; the plan goes on, the ICPC clock runs for the sibling', async () => {
    const { kase, first, sibling } = await firstChildOnPlan();
    expect((await concernAbout(kase, [sibling], '2027-02-01')).status).toBe(201);
    const res = await s47(kase, [sibling], w.ecpp);
    expect(res.status).toBe(201);
    expect(res.body.caseStage).toBe('child_protection');

    const again = await s47(kase, [sibling], w.ecpp, { effectiveDate: '2027-02-04' });
    expect([again.status, again.body.code]).toEqual([409, 's47_already_open']);

    const timescales = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timescales`)
      .set(bearer(w.practitioner.token));
    expect(timescales.status).toBe(200);
    const items = (timescales.body.data ?? timescales.body.items ?? timescales.body) as {
      kind: string;
      childId?: string;
      dueDate: string;
      status: string;
    }[];
    const siblingIcpc = items.filter(
      (i) => i.kind === 'initial_cp_conference' && i.childId === sibling,
    );
    // 15 working days from the strategy discussion on 2027-02-02
    expect(siblingIcpc.map((i) => [i.dueDate, i.status])).toEqual([['2027-02-23', 'overdue']]);

    // No further action for the child on a plan is refused; for the sibling it ends only theirs.
    const nfa = (childIds: string[]) =>
      t.req().post(`${API}/cases/${kase.caseId}/decisions`).set(bearer(w.ecpp.token)).send({
        type: 'no_further_action',
        rationale: RATIONALE,
        childIds,
        effectiveDate: '2027-02-20',
      });
    const onPlan = await nfa([first]);
    expect([onPlan.status, onPlan.body.code]).toEqual([409, 'plan_active']);
    const ended = await nfa([sibling]);
    expect(ended.status).toBe(201);
    expect(ended.body.caseStage).toBe('child_protection');
    const view = await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.practitioner.token));
    expect(view.status).toBe(200);
    expect(view.body.stage).toBe('child_protection');
  });

  it('ecpp: starts a child enquiry in pre-proceedings without leaving pre-proceedings', async () => {
    const kase = await seedCase(t, w, { children: 1 });
    await raiseConcern(t, w, kase, w.practitioner, '2026-11-02');
    await assignEcpp(t, w, kase);
    const legalGatewayId = await legalGateway(t, w, kase, '2026-11-30');
    const c = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/decisions`)
      .set(bearer(w.ecpp.token))
      .send({
        type: 'initiate_pre_proceedings',
        rationale: RATIONALE,
        childIds: kase.childIds,
        effectiveDate: '2026-12-01',
        legalGatewayId,
      });
    expect(c.status).toBe(201);
    const res = await s47(kase, kase.childIds, w.ecpp);
    expect(res.status).toBe(201);
    expect(res.body.caseStage).toBe('pre_proceedings');
  });
});
