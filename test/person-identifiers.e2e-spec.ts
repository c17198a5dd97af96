/**
 * Identifiers (docs/front-door.md "Identifiers"): a person's NHS number, how it was verified or
 * why there is none, changed with If-Match and audited; from a s47 enquiry onward (where the LA
 * has the rule in force) each child needs one or the other (409 identifier_required).
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { auditRows } from './utils/case.factories';
import { assignEcpp, closeDb, raiseConcern, RATIONALE, seedCase } from './utils/cp.factories';

describe('person identifiers and the s47 identifier rule', () => {
  let t: TestApp;
  let w: World;
  let partner: TestUser;

  const get = (who: TestUser, id: string) =>
    t.req().get(`${API}/persons/${id}`).set(bearer(who.token));
  const patch = (who: TestUser, id: string, ifMatch: string | null, body: object) => {
    const r = t.req().patch(`${API}/persons/${id}/identifiers`).set(bearer(who.token));
    if (ifMatch) r.set('If-Match', ifMatch);
    return r.send(body);
  };
  const s47 = (kase: { caseId: string; childIds: string[] }) =>
    t.req().post(`${API}/cases/${kase.caseId}/decisions`).set(bearer(w.ecpp.token)).send({
      type: 'start_section_47_enquiry',
      effectiveDate: '2027-04-20',
      strategyDiscussionDate: '2027-04-20',
      rationale: RATIONALE,
      childIds: kase.childIds,
    });

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    partner = await newUser(t, w.la.id, ['partner'], { agency: 'health' });
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('practitioner reads a child with an ETag; verifies the NHS number with If-Match (audited)', async () => {
    const kase = await seedCase(t, w);
    const id = kase.childIds[0];
    const res = await get(w.practitioner, id);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      nhsNumber: null,
      verificationSource: null,
      identifierRuleMet: false,
    });
    expect((await patch(w.practitioner, id, null, { nhsNumber: '9434765919' })).status).toBe(428);
    expect((await patch(w.practitioner, id, '"7"', { nhsNumber: '9434765919' })).status).toBe(412);
    const bad = await patch(w.practitioner, id, '"1"', { nhsNumber: '1234567890' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('nhsNumber');
    const noNumber = await patch(w.practitioner, id, '"1"', { verificationSource: 'pds_trace' });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.errors[0].field).toBe('verificationSource');
    const ok = await patch(w.practitioner, id, '"1"', {
      nhsNumber: '943 476 5919',
      verificationSource: 'pds_trace',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body).toMatchObject({
      nhsNumber: '9434765919',
      verificationSource: 'pds_trace',
      identifierRuleMet: true,
    });
    const [row] = await auditRows(t, { recordId: id, action: 'person.identifiers' });
    expect(row).toBeDefined();
    // A new number is unverified until its source is given again.
    const changed = await patch(w.practitioner, id, '"2"', { nhsNumber: '4010232137' });
    expect(changed.body).toMatchObject({ verificationSource: null, identifierRuleMet: false });
  });

  it.each([
    ['la_admin', () => w.laAdmin, 403],
    ['partner', () => partner, 404],
    ['auditor', () => w.auditor, 403],
  ])('%s may not read a person → %i', async (_who, user, status) => {
    const kase = await seedCase(t, w);
    expect((await get(user(), kase.childIds[0])).status).toBe(status);
  });

  it('a practitioner of another LA gets 404', async () => {
    const kase = await seedCase(t, w);
    const other = await newWorld(t);
    expect((await get(other.practitioner, kase.childIds[0])).status).toBe(404);
  });

  it('ECPP: a s47 enquiry needs a verified NHS number or a reason once the LA has the rule in force', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    // Not in force: the enquiry starts (existing behaviour).
    const before = await seedCase(t, w);
    await raiseConcern(t, w, before);
    await assignEcpp(t, w, before);
    expect((await s47(before)).status).toBe(201);

    const la = await t
      .req()
      .get(`${API}/local-authorities/${w.la.id}`)
      .set(bearer(w.laAdmin.token));
    const set = await t
      .req()
      .patch(`${API}/local-authorities/${w.la.id}/settings`)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', `"${la.body.version}"`)
      .send({ identifierRuleFrom: '2027-01-01' });
    expect(set.status).toBe(200);
    expect(set.body.identifierRuleFrom).toBe('2027-01-01');

    const refused = await s47(kase);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('identifier_required');
    expect(refused.body.childIds).toEqual(kase.childIds);
    const reason = await patch(w.practitioner, kase.childIds[0], '"1"', {
      unverifiedReason: 'Born abroad; NHS registration pending',
    });
    expect(reason.status).toBe(200);
    expect((await s47(kase)).status).toBe(201);
  });
});
