import { auditSettled, createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, newWorld, World } from './utils/factories';
import {
  assignEcpp,
  caseFootprint,
  closeDb,
  db,
  decide,
  raiseConcern,
  RATIONALE,
  seedCase,
} from './utils/cp.factories';

describe('co-working: concerns of significant harm and ECPP assignment', () => {
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

  it('a concern makes the case need an ECPP; the cp_manager sees it unallocated until assigned', async () => {
    const kase = await seedCase(t, w);
    const concern = await raiseConcern(t, w, kase);
    const summary = await get(`/cases/${kase.caseId}/co-working`, w.practitioner.token);
    expect(summary.status).toBe(200);
    expect(summary.body.needsEcpp).toBe(true);
    expect((await get(`/cases/${kase.caseId}`, w.practitioner.token)).body.needsEcpp).toBe(true);
    expect(summary.body.openConcerns.map((c: { id: string }) => c.id)).toEqual([concern.id]);

    const listed = async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/concerns/unallocated?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          w.cpManager.token,
        );
        expect(res.status).toBe(200);
        ids.push(...res.body.data.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await listed()).toContain(concern.id);
    expect((await get('/concerns/unallocated', w.ecpp.token)).status).toBe(403);

    const assigned = await assignEcpp(t, w, kase);
    expect(assigned).toMatchObject({ userId: w.ecpp.id, role: 'ecpp', active: true });
    expect(await listed()).not.toContain(concern.id);
    const after = await get(`/cases/${kase.caseId}/co-working`, w.practitioner.token);
    expect(after.body.needsEcpp).toBe(false);
    expect((await get(`/cases/${kase.caseId}`, w.practitioner.token)).body.needsEcpp).toBe(false);
    const c = await db(t);
    const lead = await c.query(
      `SELECT lead_practitioner_id, team_id FROM case_record WHERE id = $1`,
      [kase.caseId],
    );
    expect(lead.rows[0]).toEqual({ lead_practitioner_id: w.practitioner.id, team_id: w.fhTeam.id });
  });

  it('assigning a non-ECPP is 409 not_ecpp; a user of another LA is 400 on userId; twice is 409', async () => {
    const kase = await seedCase(t, w);
    const notEcpp = await post(`/cases/${kase.caseId}/co-workers`, w.cpManager.token, {
      userId: w.practitioner.id,
    });
    expect(notEcpp.status).toBe(409);
    expect(notEcpp.body.code).toBe('not_ecpp');
    const lonely = await newUser(t, w.la.id, ['ecpp']);
    const noTeam = await post(`/cases/${kase.caseId}/co-workers`, w.cpManager.token, {
      userId: lonely.id,
    });
    expect(noTeam.status).toBe(409);
    expect(noTeam.body.code).toBe('not_in_child_protection_team');
    const otherLa = await newLa(t);
    const stranger = await newUser(t, otherLa.id, ['ecpp']);
    const foreign = await post(`/cases/${kase.caseId}/co-workers`, w.cpManager.token, {
      userId: stranger.id,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
    await assignEcpp(t, w, kase);
    const twice = await post(`/cases/${kase.caseId}/co-workers`, w.cpManager.token, {
      userId: w.ecpp.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_assigned');
    expect((await caseFootprint(t, kase.caseId)).co_workers).toBe(1);
  });

  it('cover: ECPPs assigned and ended over time are all kept, dated; an ended ECPP can no longer decide', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase, w.ecpp);
    const ended = await post(
      `/cases/${kase.caseId}/co-workers/${w.ecpp.id}/end`,
      w.cpManager.token,
      {
        reason: 'Annual leave: cover arranged',
      },
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ active: false, endReason: 'Annual leave: cover arranged' });
    expect(ended.body.endedAt).toEqual(expect.any(String));
    const again = await post(
      `/cases/${kase.caseId}/co-workers/${w.ecpp.id}/end`,
      w.cpManager.token,
      {
        reason: 'again',
      },
    );
    expect(again.status).toBe(404);
    await assignEcpp(t, w, kase, w.ecpp2);

    const refused = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect(refused.status).toBe(403);
    await decide(t, kase, w.ecpp2, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
    });

    const list = await get(`/cases/${kase.caseId}/co-workers`, w.practitioner.token);
    expect(
      list.body.data.map((x: { userId: string; active: boolean }) => [x.userId, x.active]),
    ).toEqual([
      [w.ecpp.id, false],
      [w.ecpp2.id, true],
    ]);
    const c = await db(t);
    const audited = await c.query(
      `SELECT child_ids FROM audit_event WHERE action = 'co_worker.read' AND record_id = $1 AND actor_id = $2`,
      [kase.caseId, w.practitioner.id],
    );
    expect(audited.rows).toHaveLength(1);
    expect([...audited.rows[0].child_ids].sort()).toEqual([...kase.childIds].sort());
  });

  it('concerns: only children of the case; not on a closed case; an open concern blocks closure; reopening starts afresh', async () => {
    const kase = await seedCase(t, w, { children: 2 });
    const outsider = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary: 'About someone else',
      childIds: [w.la.id],
    });
    expect(outsider.status).toBe(400);
    const blank = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary: '   ',
      childIds: kase.childIds,
    });
    expect(blank.status).toBe(400);
    const first = await raiseConcern(t, w, kase);
    // An open concern blocks closure; the ECPP decides it first, then the closure is proposed,
    // authorised and agreed.
    const blocked = await post(`/cases/${kase.caseId}/close`, w.manager.token, {
      reason: 'RC8',
      closedOn: '2026-10-20',
    });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'concern_open']);
    await assignEcpp(t, w, kase);
    await decide(t, kase, w.ecpp, { type: 'no_further_action', effectiveDate: '2026-10-20' });
    const proposal = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner.token, {
      reason: 'RC8',
      closedOn: '2026-11-01',
      primaryNeed: 'N1',
    }).expect(201);
    await post(`/closure-proposals/${proposal.body.id}/authorisation`, w.manager.token, {}).expect(
      200,
    );
    await post(`/closure-proposals/${proposal.body.id}/agreement`, w.ecpp.token, {}).expect(200);
    const closed = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary: 'After closure',
      childIds: kase.childIds,
    });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case_closed');
    let concerns = await get(`/cases/${kase.caseId}/concerns`, w.practitioner.token);
    expect(concerns.body.data).toEqual([
      expect.objectContaining({ id: first.id, status: 'closed' }),
    ]);

    await post(`/cases/${kase.caseId}/reopen`, w.practitioner.token, {
      reason: 'New referral from school',
      referral: { date: '2026-12-01', source: '2A' },
    }).expect(200);
    const summary = await get(`/cases/${kase.caseId}/co-working`, w.practitioner.token);
    expect(summary.body).toMatchObject({ needsEcpp: false, openConcerns: [] });
    const s47 = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect([s47.status, s47.body.code]).toEqual([409, 'no_open_concern']);
    const second = await raiseConcern(t, w, kase, w.ecpp, '2026-12-10');
    await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
    });
    concerns = await get(`/cases/${kase.caseId}/concerns`, w.manager.token);
    expect(concerns.body.data.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual(
      [
        [first.id, 'closed'],
        [second.id, 'open'],
      ],
    );
  });

  it('30 concurrent refused decision requests: all 403, each audited as denied, none written, no pool starvation', async () => {
    const kase = await seedCase(t, w);
    const before = await caseFootprint(t, kase.caseId);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        post(`/cases/${kase.caseId}/decision-requests`, w.otherPractitioner.token, {
          type: 'no_further_action',
          view: 'I think this family is coping well now.',
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(403));
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
    await auditSettled(t); // denial rows are written after the response
    const c = await db(t);
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE record_id = $1 AND actor_id = $2 AND outcome = 'denied'`,
      [kase.caseId, w.otherPractitioner.id],
    );
    expect(rows[0].n).toBe(30);
  });
});
