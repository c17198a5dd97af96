/**
 * Parental representation on cases in child protection or pre-proceedings, and the letter
 * before proceedings.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from 'src/common/working-days';
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { auditRows, sql } from './utils/case.factories';
import { caseInChildProtection, closeDb, decide, seedCase, SeededCase } from './utils/cp.factories';
import { fgdmOffer, legalGateway, recordPr } from './utils/proceedings.factories';

const today = TEST_TODAY;

describe('parental representation', () => {
  let t: TestApp;
  let w: World;
  let cp: SeededCase;
  let cpParent: string;

  const offer = (who: TestUser, caseId: string, body: object) =>
    t.req().post(`${API}/cases/${caseId}/parent-representation`).set(bearer(who.token)).send(body);
  const list = (who: TestUser, caseId: string) =>
    t.req().get(`${API}/cases/${caseId}/parent-representation`).set(bearer(who.token));
  async function addParent(kase: SeededCase): Promise<string> {
    const [p] = await sql<{ id: string }>(
      t,
      `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name)
       VALUES ($1, $2, 'adult', 'Dana', 'Test') RETURNING id`,
      [w.la.id, kase.familyId],
    );
    return p.id;
  }
  const body = (parentId: string, extra: object = {}) => ({
    parentId,
    kind: 'advocate',
    organisation: 'Family Rights Group advocacy service',
    contact: 'advocacy@example.org.uk',
    offeredOn: today,
    response: 'pending',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    cp = await caseInChildProtection(t, w, { strategyDiscussionDate: today });
    cpParent = await addParent(cp);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('offers an advocate to a parent on a CP case (201, timeline, audit), the parent accepts (If-Match), listed with names', async () => {
    const res = await offer(w.practitioner, cp.caseId, body(cpParent));
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      caseId: cp.caseId,
      parentId: cpParent,
      parentFirstName: 'Dana',
      kind: 'advocate',
      response: 'pending',
      respondedOn: null,
      offeredOn: today,
    });
    expect(
      (await auditRows(t, { recordId: res.body.id, action: 'representation.create' })).length,
    ).toBe(1);
    const patch = (ifMatch: string | null, b: object) => {
      const r = t
        .req()
        .patch(`${API}/parent-representation/${res.body.id}`)
        .set(bearer(w.ecpp.token));
      if (ifMatch) r.set('If-Match', ifMatch);
      return r.send(b);
    };
    expect((await patch(null, { response: 'accepted', respondedOn: today })).status).toBe(428);
    expect((await patch('"9"', { response: 'accepted', respondedOn: today })).status).toBe(412);
    expect((await patch('"1"', { response: 'pending', respondedOn: today })).status).toBe(400);
    const ok = await patch('"1"', { response: 'accepted', respondedOn: today });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ response: 'accepted', respondedOn: today, version: 2 });
    expect((await patch('"2"', { response: 'declined', respondedOn: today })).status).toBe(409);

    const all = await list(w.manager, cp.caseId);
    expect(all.status).toBe(200);
    expect(all.body.data.map((r: { id: string }) => r.id)).toContain(res.body.id);
    expect(all.body.letterBeforeProceedings).toBeNull();
    const tl = await t.req().get(`${API}/cases/${cp.caseId}/timeline`).set(bearer(w.manager.token));
    expect(tl.body.data.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['representation_offered', 'representation_answered']),
    );
  });

  it('a declined legal representative recorded at once defaults respondedOn to the offer', async () => {
    const res = await offer(
      w.ecpp,
      cp.caseId,
      body(cpParent, { kind: 'legal_representative', response: 'declined' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ response: 'declined', respondedOn: today });
  });

  it('a case in Family Help: 409 stage_not_allowed, nothing written', async () => {
    const fh = await seedCase(t, w);
    const parent = await addParent(fh);
    const res = await offer(w.practitioner, fh.caseId, body(parent));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stage_not_allowed');
    expect((await list(w.practitioner, fh.caseId)).body.data).toEqual([]);
  });

  it.each([
    ['a child as parent', () => ({ parentId: cp.childIds[0] }), 'parentId'],
    ['an unknown person', () => ({ parentId: randomUUID() }), 'parentId'],
    ['an unknown kind', () => ({ kind: 'friend' }), 'kind'],
    ['a blank organisation', () => ({ organisation: ' ' }), 'organisation'],
    ['an offer in the future', () => ({ offeredOn: addDays(today, 3) }), 'offeredOn'],
    ['respondedOn with a pending response', () => ({ respondedOn: today }), 'respondedOn'],
    ['an unknown response', () => ({ response: 'maybe' }), 'response'],
  ])('400 naming the field for %s', async (_n, extra, field) => {
    const res = await offer(w.practitioner, cp.caseId, body(cpParent, extra()));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    ['family_help_practitioner (lead)', 'practitioner', 201],
    ['ecpp (co-working)', 'ecpp', 201],
    ['family_help_manager (team)', 'manager', 201],
    ['ecpp (not co-working)', 'ecpp2', 403],
    ['cp_manager', 'cpManager', 403],
    ['la_admin', 'laAdmin', 403],
    ['auditor', 'auditor', 403],
  ] as const)('%s offers → %i', async (_r, who, status) => {
    expect((await offer(w[who], cp.caseId, body(cpParent))).status).toBe(status);
  });

  it('another local authority: 404 to offer, list and answer', async () => {
    const w2 = await newWorld(t);
    expect((await offer(w2.practitioner, cp.caseId, body(cpParent))).status).toBe(404);
    expect((await list(w2.practitioner, cp.caseId)).status).toBe(404);
    const mine = await offer(w.practitioner, cp.caseId, body(cpParent));
    const r = await t
      .req()
      .patch(`${API}/parent-representation/${mine.body.id}`)
      .set(bearer(w2.practitioner.token))
      .set('If-Match', '"1"')
      .send({ response: 'accepted', respondedOn: today });
    expect(r.status).toBe(404);
  });

  it('pre-proceedings: representation offered, the letter before proceedings recorded once and listed', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: today });
    const parent = await addParent(kase);
    const early = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/letter-before-proceedings`)
      .set(bearer(w.practitioner.token))
      .send({ sentOn: today });
    expect(early.status).toBe(409);
    const legalGatewayId = await legalGateway(t, w, kase, today);
    await decide(t, kase, w.ecpp, {
      type: 'initiate_pre_proceedings',
      effectiveDate: today,
      legalGatewayId,
    });
    expect(
      (await offer(w.practitioner, kase.caseId, body(parent, { kind: 'legal_representative' })))
        .status,
    ).toBe(201);
    const letter = (b: object) =>
      t
        .req()
        .post(`${API}/cases/${kase.caseId}/letter-before-proceedings`)
        .set(bearer(w.practitioner.token))
        .send(b);
    expect((await letter({ sentOn: addDays(today, -30) })).status).toBe(400);
    expect((await letter({ sentOn: addDays(today, 1) })).status).toBe(400);
    // The letter carries an FGDM offer to every person with PR (docs/before-proceedings.md).
    await recordPr(t, w, kase, parent);
    expect((await letter({ sentOn: today })).body.code).toBe('fgdm_offer_required');
    const fgdmOfferIds = [await fgdmOffer(t, w, kase, parent, today)];
    const ok = await letter({ sentOn: today, fgdmOfferIds });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({
      sentOn: today,
      preProceedingsStartedOn: today,
      recordedById: w.practitioner.id,
    });
    expect((await letter({ sentOn: today, fgdmOfferIds })).status).toBe(409);
    const all = await list(w.ecpp, kase.caseId);
    expect(all.body.letterBeforeProceedings).toMatchObject({ sentOn: today });
    expect(all.body.data).toHaveLength(1);
  });
});
