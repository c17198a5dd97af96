import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  assignEcpp,
  closeDb,
  concludedConference,
  decide,
  seedCase,
  SeededCase,
} from './utils/cp.factories';

/**
 * Children of a case (issue 26): `POST /cases/:id/children` adds a child of the family to an
 * open case, dated, with a reason; an unborn child (expected date of birth) has a pre-birth
 * conference, and a plan it decides takes effect once the birth is recorded. Fixed past dates
 * (TEST_TODAY 2027-04-30).
 */
describe('children added to a case; unborn children and pre-birth conferences', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    other = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, who: TestUser, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));

  async function member(kase: SeededCase, over: object): Promise<string> {
    const res = await post(`/families/${kase.familyId}/members`, w.practitioner, {
      kind: 'child',
      firstName: 'Baby',
      lastName: 'Test',
      ...over,
    });
    expect([res.status, res.body.errors]).toEqual([201, undefined]);
    return res.body.id;
  }
  const children = async (caseId: string) =>
    (await sql(t, `SELECT count(*)::int AS n FROM case_child WHERE case_id = $1`, [caseId]))[0].n;

  it.each([
    ['family_help_practitioner', (x: World) => x.practitioner],
    ['family_help_manager', (x: World) => x.manager],
    ['ecpp (co-working)', (x: World) => x.ecpp],
  ])('%s: adds a baby born into the family, dated, with its reason', async (_role, who) => {
    const kase = await seedCase(t, w);
    await assignEcpp(t, w, kase);
    const baby = await member(kase, { dateOfBirth: '2026-11-20' });
    const res = await post(`/cases/${kase.caseId}/children`, who(w), {
      personId: baby,
      reason: 'born',
      addedOn: '2026-11-25',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      personId: baby,
      dateOfBirth: '2026-11-20',
      unborn: false,
      addedOn: '2026-11-25',
      reason: 'born',
      addedById: who(w).id,
    });
    const listed = await get(`/cases/${kase.caseId}/children`, w.practitioner);
    expect(
      listed.body.data.map((c: { personId: string; reason: string | null }) => c.reason),
    ).toEqual([null, 'born']);
    const view = await get(`/cases/${kase.caseId}`, w.practitioner);
    expect(view.body.childIds ?? view.body.children?.map((c: { id: string }) => c.id)).toContain(
      baby,
    );
    const timeline = await sql(
      t,
      `SELECT data->>'reason' AS reason FROM case_event WHERE case_id = $1 AND type = 'child_added'`,
      [kase.caseId],
    );
    expect(timeline).toEqual([{ reason: 'born' }]);
  });

  it.each([
    ['cp_manager', 403, (x: World) => x.cpManager],
    ['auditor', 403, (x: World) => x.auditor],
    ['family_help_practitioner of another team', 403, (x: World) => x.otherPractitioner],
    ['ecpp not co-working the case', 403, (x: World) => x.ecpp2],
    ['family_help_practitioner of another LA', 404, () => other.practitioner],
  ])('%s may not add a child (%i); nothing written', async (_role, status, who) => {
    const kase = await seedCase(t, w);
    const baby = await member(kase, { dateOfBirth: '2026-11-20' });
    const res = await post(`/cases/${kase.caseId}/children`, who(w), {
      personId: baby,
      reason: 'born',
      addedOn: '2026-11-25',
    });
    expect(res.status).toBe(status);
    expect(await children(kase.caseId)).toBe(1);
  });

  it('family_help_practitioner: refusals name the field or the conflict; nothing written', async () => {
    const kase = await seedCase(t, w);
    const baby = await member(kase, { dateOfBirth: '2026-11-20' });
    const elsewhere = await seedCase(t, w);
    const cases: [object, number, string][] = [
      [{ personId: baby, reason: 'born', addedOn: '2027-05-01' }, 400, 'addedOn'],
      [{ personId: baby, reason: 'born', addedOn: '2026-09-01' }, 400, 'addedOn'],
      [{ personId: baby, reason: 'born', addedOn: '2026-11-10' }, 400, 'addedOn'],
      [{ personId: baby, reason: 'unborn', addedOn: '2026-11-25' }, 400, 'reason'],
      [{ personId: baby, reason: 'adopted', addedOn: '2026-11-25' }, 400, 'reason'],
      [
        { personId: elsewhere.childIds[0], reason: 'moved_in', addedOn: '2026-11-25' },
        400,
        'personId',
      ],
    ];
    for (const [body, status, field] of cases) {
      const res = await post(`/cases/${kase.caseId}/children`, w.practitioner, body);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([status, field]);
    }
    const again = await post(`/cases/${kase.caseId}/children`, w.practitioner, {
      personId: kase.childIds[0],
      reason: 'moved_in',
      addedOn: '2026-11-25',
    });
    expect([again.status, again.body.code]).toEqual([409, 'child_already_in_case']);
    expect(await children(kase.caseId)).toBe(1);
  });

  it('a child with another open case is 409 child_has_open_case', async () => {
    const kase = await seedCase(t, w);
    const baby = await member(kase, { dateOfBirth: '2026-11-20' });
    expect(
      (
        await post(`/cases/${kase.caseId}/children`, w.practitioner, {
          personId: baby,
          reason: 'born',
          addedOn: '2026-11-25',
        })
      ).status,
    ).toBe(201);
    // A second open case of the same family cannot take the baby too.
    const second = (
      await sql(
        t,
        `INSERT INTO case_record (local_authority_id, family_id, team_id, lead_practitioner_id, referral_date, referral_source)
         VALUES ($1, $2, $3, $4, '2026-10-01', '2A') RETURNING id`,
        [w.la.id, kase.familyId, w.fhTeam.id, w.practitioner.id],
      )
    )[0].id as string;
    const res = await post(`/cases/${second}/children`, w.practitioner, {
      personId: baby,
      reason: 'moved_in',
      addedOn: '2026-11-26',
    });
    expect([res.status, res.body.code]).toEqual([409, 'child_has_open_case']);
  });

  it('an unborn child: added unborn, a pre-birth conference only for them, the plan takes effect at birth', async () => {
    const kase = await seedCase(t, w);
    const [sibling] = kase.childIds;
    const unborn = await member(kase, { expectedDateOfBirth: '2027-06-10' });
    const born = await post(`/cases/${kase.caseId}/children`, w.practitioner, {
      personId: unborn,
      reason: 'born',
      addedOn: '2027-02-01',
    });
    expect([born.status, born.body.errors?.[0]?.field]).toEqual([400, 'reason']);
    const added = await post(`/cases/${kase.caseId}/children`, w.practitioner, {
      personId: unborn,
      reason: 'unborn',
      addedOn: '2027-02-01',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ unborn: true, expectedDateOfBirth: '2027-06-10' });

    const concern = await post(`/cases/${kase.caseId}/concerns`, w.practitioner, {
      summary: 'Domestic abuse during pregnancy',
      childIds: [unborn],
      raisedOn: '2027-02-02',
    });
    expect(concern.status).toBe(201);
    await assignEcpp(t, w, kase);
    const only = { ...kase, childIds: [unborn] };
    await decide(t, only, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2027-02-03',
    });
    await decide(t, only, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2027-02-04',
      conferenceDate: '2027-03-10',
    });
    const schedule = (type: string, childIds: string[]) =>
      post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
        type,
        childIds,
        scheduledFor: '2027-03-10T10:00:00Z',
        chairId: w.chair.id,
      });
    const initial = await schedule('initial', [unborn]);
    expect([initial.status, initial.body.code]).toEqual([409, 'child_unborn']);
    const siblingPreBirth = await schedule('pre_birth', [sibling]);
    expect([siblingPreBirth.status, siblingPreBirth.body.code]).toEqual([409, 'child_not_unborn']);

    const k = await concludedConference(t, w, only, {
      type: 'pre_birth',
      heldOn: '2027-03-10',
      plan: 'start',
    });
    const plan = (effectiveDate: string) =>
      post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
        type: 'start_child_protection_plan',
        rationale: 'The pre-birth conference decided a plan from birth.',
        childIds: [unborn],
        effectiveDate,
        category: 'NEG',
        conferenceId: k.id,
      });
    const early = await plan('2027-03-11');
    expect([early.status, early.body.code]).toEqual([409, 'child_not_born']);

    // Who records the birth: not the cp_manager; the Family Help team.
    const byCpManager = await post(`/cases/${kase.caseId}/children/${unborn}/birth`, w.cpManager, {
      dateOfBirth: '2027-04-01',
    });
    expect(byCpManager.status).toBe(403);
    const future = await post(`/cases/${kase.caseId}/children/${unborn}/birth`, w.practitioner, {
      dateOfBirth: '2027-05-02',
    });
    expect([future.status, future.body.errors?.[0]?.field]).toEqual([400, 'dateOfBirth']);
    const birth = await post(`/cases/${kase.caseId}/children/${unborn}/birth`, w.practitioner, {
      dateOfBirth: '2027-04-01',
    });
    expect(birth.status).toBe(200);
    expect(birth.body).toMatchObject({ dateOfBirth: '2027-04-01', unborn: false });
    const twice = await post(`/cases/${kase.caseId}/children/${unborn}/birth`, w.practitioner, {
      dateOfBirth: '2027-04-01',
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'already_born']);

    const beforeBirth = await plan('2027-03-20');
    expect([beforeBirth.status, beforeBirth.body.errors?.[0]?.field]).toEqual([
      400,
      'effectiveDate',
    ]);
    const started = await plan('2027-04-02');
    expect(started.status).toBe(201);
    expect(started.body.caseStage).toBe('child_protection');
  });
});
