import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { caseInChildProtection, closeDb, db, decide } from './utils/cp.factories';
import { legalGateway } from './utils/proceedings.factories';

const schema = (name: string) =>
  readFileSync(join(__dirname, '..', 'src', 'exports', 'schema', name), 'utf8');
const validate = (xml: string, xsd: string) =>
  validateXML({
    xml: [{ fileName: 'census.xml', contents: xml }],
    schema: [{ fileName: 'cin-census.xsd', contents: xsd }],
  });

/**
 * The census `PreProceedingsandFGDM` block (issue 23 item 3, issue 27 item 6;
 * docs/integrators.md) from a history built through the API: referred 5 January 2026, an FGDM
 * offer to the mother in February 2026 (declined), then in 2027 the legal gateway,
 * pre-proceedings, offers to both parents in the letter (the mother accepts), an FGDM meeting
 * and the application. The 2026-27 return carries the block and is valid against
 * cin-census-2026-27.xsd; the 2025-26 return has none and is valid against the published schema.
 */
describe('CIN census: PreProceedingsandFGDM (2026-27)', () => {
  let t: TestApp;
  let w: World;
  let caseChild: string;

  const post = async (path: string, who: TestUser, body: object) => {
    const res = await t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
    if (res.status !== 201)
      throw new Error(`${path}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const answer = (id: string, response: string, respondedOn: string) =>
    t
      .req()
      .patch(`${API}/fgdm-offers/${id}`)
      .set(bearer(w.practitioner.token))
      .send({ response, respondedOn })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const c = await db(t);
    await t
      .req()
      .patch(`${API}/local-authorities/${w.la.id}/settings`)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', '"1"')
      .send({ dfeNumber: '931' })
      .expect(200);
    const kase = await caseInChildProtection(t, w, {
      referralDate: '2026-01-05',
      strategyDiscussionDate: '2026-12-18',
    });
    caseChild = kase.childIds[0];
    await c.query(
      `UPDATE person SET la_person_id = 'NSH000901', sex = 'F', ethnicity = 'WBRI',
              upn_unknown_reason = 'UN1', disabilities = '{NONE}' WHERE id = $1`,
      [caseChild],
    );
    const [mother, father] = await Promise.all(
      ['Mother', 'Father'].map(async (name) => {
        const r = await c.query(
          `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name)
           VALUES ($1, $2, 'adult', $3, 'Test') RETURNING id`,
          [w.la.id, kase.familyId, name],
        );
        return r.rows[0].id as string;
      }),
    );
    for (const [adult, basis] of [
      [mother, 'birth_mother'],
      [father, 'registered_father'],
    ]) {
      await t
        .req()
        .put(`${API}/families/${kase.familyId}/members/${adult}/parental-responsibility`)
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"0"')
        .send([{ childId: caseChild, hasPR: true, basis }])
        .expect(200);
    }
    const offer = (to: string, offeredOn: string, channel = 'letter_before_proceedings') =>
      post(`/cases/${kase.caseId}/fgdm-offers`, w.practitioner, {
        childIds: [caseChild],
        offeredTo: to,
        offeredOn,
        channel,
      });
    await answer(await offer(mother, '2026-02-02', 'in_person'), 'declined', '2026-02-03');
    const legalGatewayId = await legalGateway(t, w, kase, '2027-01-08');
    await decide(t, kase, w.ecpp, {
      type: 'initiate_pre_proceedings',
      effectiveDate: '2027-01-11',
      legalGatewayId,
    });
    const toMother = await offer(mother, '2027-01-12');
    const toFather = await offer(father, '2027-01-12');
    await post(`/cases/${kase.caseId}/letter-before-proceedings`, w.practitioner, {
      sentOn: '2027-01-13',
      fgdmOfferIds: [toMother, toFather],
    });
    await answer(toMother, 'accepted', '2027-01-14');
    await answer(toFather, 'declined', '2027-01-15');
    await post(`/cases/${kase.caseId}/fgdm-meetings`, w.practitioner, {
      date: '2027-01-25',
      coordinator: 'Sam Okoro (independent coordinator)',
      attendees: { familyMemberIds: [caseChild], networkMemberIds: [], professionals: [] },
      familyPlan: 'Grandmother looks after the child during the week.',
    });
    await decide(t, kase, w.ecpp, {
      type: 'apply_for_care_proceedings',
      effectiveDate: '2027-02-15',
      issuedOn: '2027-02-16',
      court: 'Family Court at Northshire',
    });
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const census = (year: number) =>
    t.req().get(`${API}/exports/cin-census?year=${year}`).set(bearer(w.laAdmin.token)).expect(200);
  const flat = (xml: string) => xml.replace(/\n\s*/g, '');

  it('la_admin, 2026-27: the block with the first offer, the acceptance, the meeting, the letter and the issue', async () => {
    const xml = (await census(2027)).text;
    expect(flat(xml)).toContain(
      [
        '<PreProceedingsandFGDM>',
        '<FGDMOfferDate>2026-02-02</FGDMOfferDate>',
        '<FGDMOfferAccepted>true</FGDMOfferAccepted>',
        '<FGDMMeetingDate>2027-01-25</FGDMMeetingDate>',
        '<PreProceedingsStartDate>2027-01-13</PreProceedingsStartDate>',
        '<PreProceedingsEndDate>2027-02-15</PreProceedingsEndDate>',
        '<PreProceedingsOutcome>care_proceedings_issued</PreProceedingsOutcome>',
        '<CareProceedingsIssueDate>2027-02-16</CareProceedingsIssueDate>',
        '</PreProceedingsandFGDM>',
      ].join(''),
    );
    expect((await validate(xml, schema('cin-census-2026-27.xsd'))).errors).toEqual([]);
  });

  it('la_admin, 2025-26: the same child (an offer in the year) without the block, valid against the published schema', async () => {
    const xml = (await census(2026)).text;
    expect(xml).toContain('<LAchildID>NSH000901</LAchildID>');
    expect(xml).not.toContain('PreProceedingsandFGDM');
    expect((await validate(xml, schema('cin-census-2025-26.xsd'))).errors).toEqual([]);
  });
});
