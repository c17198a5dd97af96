import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  assignEcpp,
  caseFootprint,
  closeDb,
  raiseConcern,
  RATIONALE,
  seedCase,
  SeededCase,
} from './utils/cp.factories';
import { CORE_PARTICIPANTS, OUTCOME, scheduleDiscussion } from './utils/macpt.factories';

const REASON = 'Police protection overnight: enquiries began before a discussion could be held.';

describe('a section 47 enquiry cites its strategy discussion (or records why not); the ICPC clock runs from its heldOn', () => {
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

  const post = (path: string, body: object, who = w.ecpp) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const s47 = (kase: SeededCase, body: object) =>
    post(`/cases/${kase.caseId}/decisions`, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
      ...body,
    });

  async function coWorkedCase(children = 1) {
    const kase = await seedCase(t, w, { children });
    const concern = await raiseConcern(t, w, kase, w.practitioner, '2026-12-15');
    await assignEcpp(t, w, kase);
    return { kase, concernId: concern.id };
  }

  /** A discussion of `kase` held on `heldOn` with `participants`, concluded with `outcome`. */
  async function discussion(
    kase: SeededCase,
    concernId: string,
    opts: { heldOn?: string; participants?: object[]; outcome?: object; childIds?: string[] } = {},
  ) {
    const d = await scheduleDiscussion(t, kase, w.ecpp, [concernId], {
      ...(opts.childIds ? { childIds: opts.childIds } : {}),
    });
    const held = await post(`/strategy-discussions/${d.id}/held`, {
      heldOn: opts.heldOn ?? '2026-12-16',
      participants: opts.participants ?? CORE_PARTICIPANTS,
      contributions: [],
    });
    expect(held.status).toBe(200);
    const out = await post(`/strategy-discussions/${d.id}/outcome`, {
      ...OUTCOME,
      parentsInformed: { by: 'ECPP', on: opts.heldOn ?? '2026-12-16' },
      ...opts.outcome,
    });
    expect(out.status).toBe(200);
    return d.id;
  }

  it.each([
    ['neither strategyDiscussionId nor overrideReason', {}],
    [
      'a strategyDiscussionDate alone (no default any more)',
      { strategyDiscussionDate: '2026-12-17' },
    ],
  ])('ecpp: %s → 409 strategy_discussion_required, nothing written', async (_w, body) => {
    const { kase } = await coWorkedCase();
    const before = await caseFootprint(t, kase.caseId);
    const res = await s47(kase, body);
    expect([res.status, res.body.code]).toEqual([409, 'strategy_discussion_required']);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it('ecpp: a discussion that is not concluded, not a s47 outcome, or not about the child → 409', async () => {
    const { kase, concernId } = await coWorkedCase(2);
    const scheduled = await scheduleDiscussion(t, kase, w.ecpp, [concernId]);
    const a = await s47(kase, { strategyDiscussionId: scheduled.id });
    expect([a.status, a.body.code]).toEqual([409, 'strategy_discussion_required']);
    const none = await discussion(kase, concernId, { outcome: { s47: 'none' } });
    const b = await s47(kase, { strategyDiscussionId: none });
    expect([b.status, b.body.code]).toEqual([409, 'strategy_discussion_required']);
    const firstOnly = await discussion(kase, concernId, { childIds: [kase.childIds[0]] });
    const c = await s47(kase, { strategyDiscussionId: firstOnly });
    expect([c.status, c.body.code, c.body.detail]).toEqual([
      409,
      'strategy_discussion_required',
      expect.stringContaining(kase.childIds[1]),
    ]);
    expect((await caseFootprint(t, kase.caseId)).decisions).toBe(0);
  });

  it('ecpp: an id that is no discussion of this case → 400 naming strategyDiscussionId', async () => {
    const { kase } = await coWorkedCase();
    const other = await coWorkedCase();
    const elsewhere = await discussion(other.kase, other.concernId);
    const res = await s47(kase, { strategyDiscussionId: elsewhere });
    expect([res.status, res.body.errors[0].field]).toEqual([400, 'strategyDiscussionId']);
  });

  it('ecpp: police absent from the discussion → 409 unless the ECPP records an override (then shown on the timeline)', async () => {
    const { kase, concernId } = await coWorkedCase();
    const d = await discussion(kase, concernId, {
      participants: [
        { name: 'ECPP', agency: 'social_care', attended: true },
        { name: 'DC Hollis', agency: 'police', attended: false },
        { name: 'Health visitor', agency: 'health', attended: true },
      ],
    });
    const refused = await s47(kase, { strategyDiscussionId: d });
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([
      409,
      'strategy_discussion_required',
      expect.stringContaining('police'),
    ]);
    const res = await s47(kase, { strategyDiscussionId: d, overrideReason: REASON });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ strategyDiscussionId: d, overrideReason: REASON });
    const [line] = await sql<{ summary: string }>(
      t,
      `SELECT summary FROM case_event WHERE record_id = $1 AND type = 'decision_recorded'`,
      [res.body.id],
    );
    expect(line.summary).toContain(REASON);
  });

  it('ecpp: cites a concluded discussion: the ICPC is due 15 working days after its heldOn, not the decision date', async () => {
    const { kase, concernId } = await coWorkedCase();
    const d = await discussion(kase, concernId, { heldOn: '2026-12-16' });
    const early = await s47(kase, { strategyDiscussionId: d, effectiveDate: '2026-12-15' });
    expect([early.status, early.body.errors[0].field]).toEqual([400, 'effectiveDate']);
    const both = await s47(kase, { strategyDiscussionId: d, strategyDiscussionDate: '2026-12-18' });
    expect([both.status, both.body.errors[0].field]).toEqual([400, 'strategyDiscussionDate']);
    const res = await s47(kase, { strategyDiscussionId: d });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      strategyDiscussionId: d,
      strategyDiscussionDate: '2026-12-16',
      effectiveDate: '2026-12-18',
      overrideReason: null,
      caseStage: 'child_protection',
    });
    const timescales = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timescales?asOf=2027-01-04`)
      .set(bearer(w.ecpp.token));
    // Wed 16 Dec 2026 + 15 working days (25, 28 Dec and 1 Jan are bank holidays) = Mon 11 Jan.
    expect(timescales.body.data).toContainEqual(
      expect.objectContaining({ kind: 'initial_cp_conference', dueDate: '2027-01-11' }),
    );
    const [event] = await sql<{ data: Record<string, unknown> }>(
      t,
      `SELECT data FROM integration_event WHERE type = 'decision.recorded' AND data->>'decisionId' = $1`,
      [res.body.id],
    );
    expect(event.data).toMatchObject({
      strategyDiscussionId: d,
      strategyDiscussionDate: '2026-12-16',
    });
  });

  it('ecpp: an override without a discussion needs the date the clock runs from (400), then records it', async () => {
    const { kase } = await coWorkedCase();
    const bare = await s47(kase, { overrideReason: REASON });
    expect([bare.status, bare.body.errors[0].field]).toEqual([400, 'strategyDiscussionDate']);
    const res = await s47(kase, { overrideReason: REASON, strategyDiscussionDate: '2026-12-17' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      strategyDiscussionId: null,
      overrideReason: REASON,
      strategyDiscussionDate: '2026-12-17',
    });
  });

  it('the database refuses a s47 row without the date its clock runs from', async () => {
    const { kase } = await coWorkedCase();
    await expect(
      sql(
        t,
        `INSERT INTO decision (case_id, local_authority_id, type, rationale, child_ids, effective_date, decided_by_id)
         VALUES ($1, $2, 'start_section_47_enquiry', $3, $4, '2026-12-18', $5)`,
        [kase.caseId, w.la.id, RATIONALE, kase.childIds, w.ecpp.id],
      ),
    ).rejects.toThrow(/ck_decision_s47_strategy_date/);
  });
});
