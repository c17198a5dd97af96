/**
 * The family's own view, as a story (docs/family-view.md): a child on a CP plan; the lead
 * practitioner proposes access for the mother after a safety check; the father, recorded as an
 * alleged perpetrator of domestic abuse, cannot be granted and his details are withheld from her;
 * the co-working ECPP approves; the mother signs in with her invitation, sees the CP plan summary
 * once it is published and the plain explanation of the decision — never the ECPP's rationale,
 * notes or other records — and disagrees in her own words, which reach the timeline and the core
 * group's view; every other route is 404 to her; suspension ends her access at the next request;
 * the auditor sees her reads in the child's access report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { closeDb, db, RATIONALE, seedCase, SeededCase } from './utils/cp.factories';

const SECTIONS = {
  worries: 'We are worried that Amy had bruises that nobody could explain.',
  goingWell: 'Amy is happy at nursery and you have kept every appointment.',
  needsToHappen: 'Amy needs to be safe at home and seen by her health visitor every week.',
  whoDoesWhat: [{ who: 'Mum', what: 'Take Amy to nursery every weekday', by: 'every weekday' }],
  ifNot: 'If things do not get better we will talk with you about what happens next.',
};
const EXPLANATION =
  'We decided to make a plan to keep Amy safe because nobody could explain her bruises. It does not mean Amy will leave home.';

describe("the family's own view (a mother on her child's CP plan)", () => {
  let t: TestApp;
  let w: World;
  let c: Client;
  let kase: SeededCase;
  let mother: string;
  let father: string;
  let nana: string; // a network carer whose address is withheld from the mother
  let planDecision: string;
  let grantId: string;
  let code: string;
  let mum: string; // the mother's access token
  let partner: TestUser;
  const mumEmail = `mum-${randomUUID().slice(0, 8)}@example.org`;

  const req = () => t.req();
  const as = (u: { token: string } | string) => bearer(typeof u === 'string' ? u : u.token);

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    c = await db(t);
    partner = await newUser(t, w.la.id, ['partner'], { agency: 'education' });
    kase = await seedCase(t, w, { referralDate: '2026-06-01' });
    const family = (await c.query(`SELECT family_id FROM case_record WHERE id = $1`, [kase.caseId]))
      .rows[0].family_id;
    const adult = async (first: string) =>
      (
        await c.query(
          `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name, date_of_birth)
           VALUES ($1, $2, 'adult', $3, 'Reid', '1994-05-06') RETURNING id`,
          [w.la.id, family, first],
        )
      ).rows[0].id as string;
    mother = await adult('Jade');
    father = await adult('Dan');
    nana = (
      await c.query(
        `INSERT INTO person (local_authority_id, kind, first_name, last_name)
         VALUES ($1, 'adult', 'Farida', 'Khan') RETURNING id`,
        [w.la.id],
      )
    ).rows[0].id;
    await c.query(
      `INSERT INTO family_network_member (local_authority_id, family_id, person_id, relationship, contact)
       VALUES ($1, $2, $3, 'grandmother', $4)`,
      [
        w.la.id,
        family,
        nana,
        { address: '12 Mill Lane, Northtown', phone: '07700 900123', notes: 'Private' },
      ],
    );
    // The case in child protection, co-worked by the world's ECPP, the child on a plan.
    await c.query(
      `INSERT INTO case_co_worker (case_id, user_id, assigned_by_id, assigned_at, assigned_on)
       VALUES ($1, $2, $3, '2026-06-10 10:00+00', '2026-06-10')`,
      [kase.caseId, w.ecpp.id, w.cpManager.id],
    );
    planDecision = (
      await c.query(
        `INSERT INTO decision (case_id, local_authority_id, type, rationale, child_ids, effective_date,
                               category, decided_by_id)
         VALUES ($1, $2, 'start_child_protection_plan', $3, $4, '2026-07-01', 'NEG', $5) RETURNING id`,
        [kase.caseId, w.la.id, RATIONALE, kase.childIds, w.ecpp.id],
      )
    ).rows[0].id;
    await c.query(`UPDATE case_record SET stage = 'child_protection' WHERE id = $1`, [kase.caseId]);
  });

  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const propose = (u: { token: string }, personId: string, extra: object = {}) =>
    req()
      .post(`${API}/cases/${kase.caseId}/family-access`)
      .set(as(u))
      .send({
        personId,
        scopes: ['cp_plan'],
        safetyCheck: { done: true, notes: 'Seen alone; no risk from sharing the plan.' },
        contact: { email: mumEmail },
        ...extra,
      });

  it('the ECPP withholds the father’s details from the mother and records him as an alleged perpetrator', async () => {
    const res = await req()
      .put(`${API}/persons/${father}/redactions`)
      .set(as(w.practitioner))
      .send({
        withheldFrom: [mother],
        fields: ['lastName', 'dateOfBirth'],
        allegedPerpetrator: true,
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ withheldFrom: [mother], allegedPerpetrator: true });
    const refuge = await req()
      .put(`${API}/persons/${nana}/redactions`)
      .set(as(w.practitioner))
      .send({ withheldFrom: [mother, father], fields: ['address'] });
    expect(refuge.status).toBe(200);
    const bad = await req()
      .put(`${API}/persons/${father}/redactions`)
      .set(as(w.practitioner))
      .send({ withheldFrom: [randomUUID()], fields: ['lastName'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('withheldFrom');
  });

  it.each([
    ['a partner agency user', () => partner, 404],
    ['the family_help_manager (not the lead)', () => w.manager, 403],
    [
      'a practitioner of another team (reads the case, does not lead it)',
      () => w.otherPractitioner,
      403,
    ],
  ])('%s cannot propose family access', async (_who, u, status) => {
    expect((await propose(u(), mother)).status).toBe(status);
  });

  it('the lead practitioner cannot grant the father (alleged perpetrator): 409', async () => {
    const res = await propose(w.practitioner, father);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('grant_refused_safety');
  });

  it('the lead practitioner proposes access for the mother; bad input is a 400 naming the field', async () => {
    const noCheck = await propose(w.practitioner, mother, {
      safetyCheck: { done: false, notes: 'x' },
    });
    expect(noCheck.status).toBe(400);
    expect(JSON.stringify(noCheck.body.errors)).toContain('safetyCheck.done');
    const res = await propose(w.practitioner, mother);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', personId: mother, scopes: ['cp_plan'] });
    expect(res.body.invitationCode).toBeUndefined();
    grantId = res.body.id;
    expect((await propose(w.practitioner, mother)).body.code).toBe('grant_exists');
  });

  it('on a child-protection case the family_help_manager may not approve; the co-working ECPP does', async () => {
    const byManager = await req()
      .post(`${API}/family-access/${grantId}/approve`)
      .set(as(w.manager));
    expect(byManager.status).toBe(403);
    const byOtherEcpp = await req()
      .post(`${API}/family-access/${grantId}/approve`)
      .set(as(w.ecpp2));
    expect(byOtherEcpp.status).toBe(403);
    const res = await req().post(`${API}/family-access/${grantId}/approve`).set(as(w.ecpp));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('active');
    expect(typeof res.body.invitationCode).toBe('string');
    code = res.body.invitationCode;
    const stored = await c.query(`SELECT invitation_hash FROM family_access_grant WHERE id = $1`, [
      grantId,
    ]);
    expect(stored.rows[0].invitation_hash).not.toContain(code);
  });

  it('the mother activates her invitation once, and signs in with her own password after', async () => {
    const wrong = await req()
      .post(`${API}/auth/family/activate`)
      .send({ invitationCode: 'not-a-code', password: 'a-long-passphrase-2026' });
    expect(wrong.status).toBe(401);
    const res = await req()
      .post(`${API}/auth/family/activate`)
      .send({ invitationCode: code, password: 'a-long-passphrase-2026' });
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['family_member']);
    mum = res.body.accessToken;
    const again = await req()
      .post(`${API}/auth/family/activate`)
      .send({ invitationCode: code, password: 'a-long-passphrase-2026' });
    expect(again.status).toBe(401);
    const login = await req()
      .post(`${API}/auth/login`)
      .send({ email: mumEmail, password: 'a-long-passphrase-2026' });
    expect(login.status).toBe(200);
  });

  it('a draft summary is not shown to the mother; once published she sees it', async () => {
    const draft = await req()
      .post(`${API}/cases/${kase.caseId}/family-summaries`)
      .set(as(w.ecpp))
      .send({ planType: 'cp_plan', planId: planDecision, version: 1, sections: SECTIONS });
    expect(draft.status).toBe(201);
    const stale = await req()
      .post(`${API}/cases/${kase.caseId}/family-summaries`)
      .set(as(w.ecpp))
      .send({ planType: 'cp_plan', planId: planDecision, version: 2, sections: SECTIONS });
    expect(stale.status).toBe(409);
    expect((await req().get(`${API}/me/family/plans`).set(as(mum))).body.data).toEqual([]);
    const pub = await req()
      .post(`${API}/family-summaries/${draft.body.id}/publish`)
      .set(as(w.practitioner));
    expect(pub.status).toBe(200);
    const plans = await req().get(`${API}/me/family/plans`).set(as(mum));
    expect(plans.status).toBe(200);
    expect(plans.body.data).toHaveLength(1);
    expect(plans.body.data[0]).toMatchObject({
      id: draft.body.id,
      planType: 'cp_plan',
      sections: SECTIONS,
    });
    const one = await req().get(`${API}/me/family/plans/${draft.body.id}`).set(as(mum));
    expect(one.status).toBe(200);
  });

  it('she sees the decision explained in plain words, never the ECPP’s rationale', async () => {
    const e = await req()
      .post(`${API}/decisions/${planDecision}/explanations`)
      .set(as(w.ecpp))
      .send({ text: EXPLANATION });
    expect(e.status).toBe(201);
    const res = await req().get(`${API}/me/family/decisions`).set(as(mum));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({ decisionId: planDecision, explanation: EXPLANATION }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(RATIONALE);
  });

  it('details withheld from her (the father’s name and birth date, her mother’s refuge address) never reach her', async () => {
    const res = await req().get(`${API}/me/family`).set(as(mum));
    expect(res.status).toBe(200);
    expect(res.body.you).toMatchObject({ id: mother, firstName: 'Jade' });
    const dad = res.body.people.find((p: { id: string }) => p.id === father);
    expect(dad).toMatchObject({ firstName: 'Dan', lastName: null, dateOfBirth: null });
    const gran = res.body.people.find((p: { id: string }) => p.id === nana);
    expect(gran).toMatchObject({
      firstName: 'Farida',
      relationship: 'grandmother',
      address: null,
      contact: { phone: '07700 900123' },
    });
    expect(JSON.stringify(res.body)).not.toContain('Mill Lane');
    expect(JSON.stringify(res.body)).not.toContain('Private');
  });

  it('she disagrees in her own words: on the timeline, in the core group’s view, as an event', async () => {
    const summary = (await req().get(`${API}/me/family/plans`).set(as(mum))).body.data[0].id;
    const words = 'I do not agree that Amy was left alone. My sister was with her.';
    const none = await req().post(`${API}/me/family/responses`).set(as(mum)).send({ text: words });
    expect(none.status).toBe(400);
    const res = await req()
      .post(`${API}/me/family/responses`)
      .set(as(mum))
      .send({ summaryId: summary, agrees: false, text: words });
    expect(res.status).toBe(201);
    const timeline = await req()
      .get(`${API}/cases/${kase.caseId}/timeline`)
      .set(as(w.practitioner));
    expect(JSON.stringify(timeline.body)).toContain(words);
    const view = await req().get(`${API}/cases/${kase.caseId}/family-responses`).set(as(w.ecpp));
    expect(view.body.data).toEqual([
      expect.objectContaining({ personId: mother, agrees: false, text: words }),
    ]);
    const ev = await c.query(
      `SELECT data FROM integration_event WHERE local_authority_id = $1 AND type = 'family_response.recorded'`,
      [w.la.id],
    );
    expect(ev.rows).toEqual([
      { data: { caseId: kase.caseId, responseId: res.body.id, summaryId: summary, agrees: false } },
    ]);
  });

  it.each([
    ['the cp_manager (the LA)', () => w.cpManager],
    ["the family_help_manager (their own teams' cases)", () => w.manager],
  ])(
    '%s sees the family view in figures: one summary published, one family responded, one disagreement',
    async (_who, u) => {
      const res = await req().get(`${API}/family-view/indicators`).set(as(u()));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        summariesPublished: 1,
        publishedWithinTimescale: 0, // the plan started in July: published months later
        grantsActive: 1,
        familiesResponded: 1,
        responses: 1,
        disagreements: 1,
        disagreementRate: 1,
      });
    },
  );

  it('a practitioner has no indicators (403); a bad period is a 400 naming the field', async () => {
    expect((await req().get(`${API}/family-view/indicators`).set(as(w.practitioner))).status).toBe(
      403,
    );
    const bad = await req()
      .get(`${API}/family-view/indicators?from=2026-12-01&to=2026-11-01`)
      .set(as(w.cpManager));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
    const long = await req()
      .get(`${API}/family-view/indicators?from=2020-01-01&to=2026-11-30`)
      .set(as(w.cpManager));
    expect([long.status, long.body.errors?.[0]?.field]).toEqual([400, 'to']);
  });

  it('every staff route is 404 to her (and /auth/me tells her who she is)', async () => {
    const routes: { method: string; path: string; permission: string }[] = JSON.parse(
      readFileSync(join(__dirname, '..', 'docs', 'route-permissions.json'), 'utf8'),
    );
    const own = new Set(['family_view.read', 'family_view.respond', 'public']);
    const seen: string[] = [];
    for (const r of routes) {
      if (own.has(r.permission) || r.path === `${API}/auth/me`) continue;
      const path = r.path.replace(/:[A-Za-z]+/g, (p) => (p === ':id' ? kase.caseId : randomUUID()));
      const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const res = await req()[method](path).set(as(mum)).send({});
      if (res.status !== 404) seen.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(seen).toEqual([]);
    expect((await req().get(`${API}/auth/me`).set(as(mum))).status).toBe(200);
  });

  it('the auditor sees her reads in the child’s access report', async () => {
    const res = await req()
      .get(`${API}/children/${kase.childIds[0]}/access-report`)
      .set(as(w.auditor));
    expect(res.status).toBe(200);
    const hers = res.body.accessors.find((a: { actorRoles: string[] }) =>
      a.actorRoles.includes('family_member'),
    );
    expect(hers.actions).toEqual(
      expect.arrayContaining([
        'family_view.plans',
        'family_view.decisions',
        'family_view.overview',
      ]),
    );
  });

  it('suspension ends her access at the next request (404), and the staff list shows why', async () => {
    const bad = await req()
      .post(`${API}/family-access/${grantId}/suspend`)
      .set(as(w.practitioner))
      .send({});
    expect(bad.status).toBe(400);
    const res = await req()
      .post(`${API}/family-access/${grantId}/suspend`)
      .set(as(w.practitioner))
      .send({ reason: 'Paused while the family moves house.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('suspended');
    expect((await req().get(`${API}/me/family/plans`).set(as(mum))).status).toBe(404);
    const list = await req().get(`${API}/cases/${kase.caseId}/family-access`).set(as(w.manager));
    expect(list.body.data[0]).toMatchObject({
      status: 'suspended',
      statusReason: 'Paused while the family moves house.',
      activated: true,
    });
  });
});
