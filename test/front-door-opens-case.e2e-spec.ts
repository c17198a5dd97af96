/**
 * A front-door decision for a child without a case opens one (docs/front-door.md):
 * `family_help_assessment` opens the case when the manager authorises it — referral date the day
 * the contact was received, source the contact's, allocated to the Family Help team and lead
 * practitioner the decision named — and `strategy_discussion` also puts a strategy discussion
 * request on it for the cp_manager. All in the authorisation's transaction: when the case cannot
 * open, nothing changes. TANDEM_TODAY is Friday 2027-04-30.
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newTeam, newUser, newWorld, TestUser, World } from './utils/factories';
import { auditRows, sql } from './utils/case.factories';

describe('the front door opens the case for a child without one', () => {
  let t: TestApp;
  let w: World;
  let fdWorker: TestUser;
  let fdManager: TestUser;
  let school: TestUser;
  const child: Record<string, string> = {};
  const family: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const post = (who: TestUser, path: string, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (who: TestUser, path: string) => t.req().get(`${API}${path}`).set(bearer(who.token));

  const contact = (who: TestUser, personId: string | null, receivedAt: string) =>
    post(who, '/contacts', {
      receivedAt,
      ...(who === school ? { referrer: { userId: school.id } } : {}),
      ...(who === school
        ? {}
        : { referrer: { name: 'Ann Bell', relationship: 'neighbour', phone: '01632 960555' } }),
      source: who === school ? '2A' : '1D',
      children: personId ? [{ personId }] : [{ firstName: 'Noah', lastName: 'Finch' }],
      concern: 'Noah came to school hungry and with a mark on his arm.',
      urgency: 'urgent',
      consent: { informed: true },
    });
  const openCases = (personId: string) =>
    sql<{ id: string }>(
      t,
      `SELECT c.id FROM case_child cc JOIN case_record c ON c.id = cc.case_id
        WHERE cc.person_id = $1 AND c.stage <> 'closed'`,
      [personId],
    );
  const allocation = () => ({ teamId: w.fhTeam.id, leadPractitionerId: w.practitioner.id });

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [fdWorker, fdManager, school] = await Promise.all([
      newUser(t, w.la.id, ['family_help_practitioner']),
      newUser(t, w.la.id, ['family_help_manager']),
      newUser(t, w.la.id, ['partner'], { agency: 'education', name: 'Elm Primary DSL' }),
    ]);
    await newTeam(t, w.laAdmin, 'front_door', [
      { user: fdWorker },
      { user: fdManager, profession: 'manager' },
    ]);
    for (const [key, first] of [
      ['noah', 'Noah'],
      ['ava', 'Ava'],
      ['zoe', 'Zoe'],
    ] as const) {
      const fam = await post(w.practitioner, '/families', {
        name: `${first} Finch's family`,
        members: [
          { kind: 'child', firstName: first, lastName: 'Finch', dateOfBirth: '2018-02-11' },
          { kind: 'adult', firstName: 'Kim', lastName: 'Finch', relationship: 'mother' },
        ],
      });
      expect(fam.status).toBe(201);
      family[key] = fam.body.id;
      child[key] = fam.body.members.find((x: { kind: string }) => x.kind === 'child').id;
    }
  });
  afterAll(() => t.close());

  describe('a decision that would open a case: bad input is a 400 naming the field, a child not linked a 409', () => {
    beforeAll(async () => {
      const c = await contact(school, child.noah, '2027-04-26T09:15:00Z');
      expect(c.status).toBe(201);
      ids.noah = c.body.id;
      const unlinked = await contact(fdWorker, null, '2027-04-26T09:30:00Z');
      expect(unlinked.status).toBe(201);
      ids.unlinked = unlinked.body.id;
    });

    it.each([
      ['without teamId', 'teamId', { leadPractitionerId: 'lead' }],
      ['without leadPractitionerId', 'leadPractitionerId', { teamId: 'fh' }],
      ['a team that is not family_help', 'teamId', { teamId: 'cp', leadPractitionerId: 'lead' }],
      [
        'a lead who is not of the team',
        'leadPractitionerId',
        { teamId: 'fh', leadPractitionerId: 'other' },
      ],
    ])('front-door worker: family_help_assessment %s → 400 naming %s', async (_w, field, v) => {
      const pick = (x: string | undefined) =>
        x === 'fh'
          ? w.fhTeam.id
          : x === 'cp'
            ? w.cpTeam.id
            : x === 'lead'
              ? w.practitioner.id
              : x === 'other'
                ? w.otherPractitioner.id
                : undefined;
      const body: Record<string, string> = {
        outcome: 'family_help_assessment',
        rationale: 'Needs a Family Help assessment.',
      };
      const teamId = pick((v as { teamId?: string }).teamId);
      const lead = pick((v as { leadPractitionerId?: string }).leadPractitionerId);
      if (teamId) body.teamId = teamId;
      if (lead) body.leadPractitionerId = lead;
      const res = await post(fdWorker, `/contacts/${ids.noah}/decision`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const [c] = await sql<{ outcome: string | null }>(
        t,
        `SELECT outcome FROM contact WHERE id = $1`,
        [ids.noah],
      );
      expect(c.outcome).toBeNull();
    });

    it('front-door worker: an allocation on an outcome that opens no case → 400 naming teamId', async () => {
      const res = await post(fdWorker, `/contacts/${ids.noah}/decision`, {
        outcome: 'advice',
        rationale: 'Advice to the school.',
        ...allocation(),
      });
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'teamId']);
    });

    it('front-door worker: a contact whose child is not linked to a person → 409 child_not_linked', async () => {
      const res = await post(fdWorker, `/contacts/${ids.unlinked}/decision`, {
        outcome: 'family_help_assessment',
        rationale: 'Needs a Family Help assessment.',
        ...allocation(),
      });
      expect([res.status, res.body.code]).toEqual([409, 'child_not_linked']);
    });
  });

  it('front-door worker decides a Family Help assessment for Noah (no case): allocated, no case yet', async () => {
    const res = await post(fdWorker, `/contacts/${ids.noah}/decision`, {
      outcome: 'family_help_assessment',
      rationale: 'Hunger and a mark: a Family Help assessment with the school.',
      ...allocation(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'screening',
      caseId: null,
      caseAllocation: allocation(),
    });
    expect(await openCases(child.noah)).toEqual([]);
  });

  it('family_help_manager authorises: the case opens (referral = the contact’s day and source), on the timeline, evented, audited', async () => {
    const res = await post(fdManager, `/contacts/${ids.noah}/authorisation`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'decided', caseId: expect.any(String) });
    const caseId = res.body.caseId as string;
    ids.noahCase = caseId;
    expect(await openCases(child.noah)).toEqual([{ id: caseId }]);
    const [k] = await sql<Record<string, string>>(
      t,
      `SELECT referral_date::text AS "referralDate", referral_source AS "source", stage,
              team_id AS "teamId", lead_practitioner_id AS "leadId", family_id AS "familyId"
         FROM case_record WHERE id = $1`,
      [caseId],
    );
    expect(k).toEqual({
      referralDate: '2027-04-26',
      source: '2A',
      stage: 'family_help',
      teamId: w.fhTeam.id,
      leadId: w.practitioner.id,
      familyId: family.noah,
    });
    const timeline = await get(w.practitioner, `/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const types = timeline.body.data.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['case_created', 'contact_decided']));
    const created = timeline.body.data.find((e: { type: string }) => e.type === 'case_created');
    expect(created.summary).toContain('at the front door');
    const events = await sql<{ type: string; data: Record<string, unknown> }>(
      t,
      `SELECT type, data FROM integration_event
        WHERE local_authority_id = $1 AND (data->>'contactId' = $2 OR data->>'caseId' = $3)
        ORDER BY seq`,
      [w.la.id, ids.noah, caseId],
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.opened', 'contact.decided']),
    );
    expect(events.find((e) => e.type === 'contact.decided')!.data).toMatchObject({
      caseId,
      referral: 'opened',
    });
    const audit = await auditRows(t, { recordId: caseId, action: 'case.create' });
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: fdManager.id, child_ids: [child.noah] }),
    ]);
  });

  it('the school (referrer) sees its outcome, never the case (404)', async () => {
    const mine = await get(school, `/contacts/${ids.noah}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ outcome: 'family_help_assessment' });
    expect(mine.body).not.toHaveProperty('caseId');
    expect((await get(school, `/cases/${ids.noahCase}`)).status).toBe(404);
  });

  it('front-door worker: a new contact about Noah, now with an open case, names no case → 409 child_has_open_case; naming it adds the referral', async () => {
    const c = await contact(fdWorker, child.noah, '2027-04-28T11:00:00Z');
    expect(c.status).toBe(201);
    const refused = await post(fdWorker, `/contacts/${c.body.id}/decision`, {
      outcome: 'family_help_assessment',
      rationale: 'A second concern.',
      ...allocation(),
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'child_has_open_case']);
    const named = await post(fdWorker, `/contacts/${c.body.id}/decision`, {
      outcome: 'family_help_assessment',
      rationale: 'A second concern.',
      caseId: ids.noahCase,
    });
    expect(named.status).toBe(200);
    expect((await post(fdManager, `/contacts/${c.body.id}/authorisation`)).status).toBe(200);
    expect(await openCases(child.noah)).toEqual([{ id: ids.noahCase }]);
  });

  it('one transaction: a case opened for Ava meanwhile → the authorisation is 409 and the contact still awaits it, no second case', async () => {
    const c = await contact(fdWorker, child.ava, '2027-04-27T10:00:00Z');
    expect(c.status).toBe(201);
    const d = await post(fdWorker, `/contacts/${c.body.id}/decision`, {
      outcome: 'family_help_assessment',
      rationale: 'Needs a Family Help assessment.',
      ...allocation(),
    });
    expect(d.status).toBe(200);
    const opened = await post(w.practitioner, '/cases', {
      familyId: family.ava,
      teamId: w.fhTeam.id,
      leadPractitionerId: w.practitioner.id,
      childIds: [child.ava],
      referral: { date: '2027-04-27', source: '1D' },
    });
    expect(opened.status).toBe(201);
    const refused = await post(fdManager, `/contacts/${c.body.id}/authorisation`);
    expect([refused.status, refused.body.code]).toEqual([409, 'child_has_open_case']);
    const [after] = await sql<{ status: string; case_id: string | null; authorised_at: unknown }>(
      t,
      `SELECT status, case_id, authorised_at FROM contact WHERE id = $1`,
      [c.body.id],
    );
    expect(after).toEqual({ status: 'screening', case_id: null, authorised_at: null });
    expect(await openCases(child.ava)).toEqual([{ id: opened.body.id }]);
  });

  it('family_help_manager decides a strategy discussion for Zoe (no case): the case opens with a request on it for the cp_manager', async () => {
    const c = await contact(school, child.zoe, '2027-04-29T08:45:00Z');
    expect(c.status).toBe(201);
    const d = await post(fdManager, `/contacts/${c.body.id}/decision`, {
      outcome: 'strategy_discussion',
      rationale: 'Zoe disclosed being hit with a belt: a strategy discussion today.',
      ...allocation(),
    });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'decided', caseId: expect.any(String) });
    const caseId = d.body.caseId as string;
    expect(await openCases(child.zoe)).toEqual([{ id: caseId }]);
    const [k] = await sql<{ referral_date: string; referral_source: string }>(
      t,
      `SELECT referral_date::text, referral_source FROM case_record WHERE id = $1`,
      [caseId],
    );
    expect(k).toEqual({ referral_date: '2027-04-29', referral_source: '2A' });
    const requests = await get(w.cpManager, `/cases/${caseId}/strategy-discussion-requests`);
    expect(requests.status).toBe(200);
    expect(requests.body.data).toEqual([
      expect.objectContaining({
        status: 'open',
        childIds: [child.zoe],
        requestedById: fdManager.id,
        reason: expect.stringContaining('belt'),
      }),
    ]);
    const queue = await get(w.cpManager, '/contacts?outcome=strategy_discussion');
    expect(queue.body.data).toEqual([expect.objectContaining({ id: c.body.id, caseId })]);
    expect((await get(school, `/cases/${caseId}`)).status).toBe(404);
  });
});
