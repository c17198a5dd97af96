import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import {
  caseInChildProtection,
  closeDb,
  decide,
  RATIONALE,
  SeededCase,
} from './utils/cp.factories';
import { legalGateway, serviceManagerOf } from './utils/proceedings.factories';

/**
 * The proceedings clocks (issue 27, docs/before-proceedings.md, "Proceedings timescales"):
 * `GET /cases/:id/timescales` shows `pre_proceedings` (16 weeks from the letter) met when
 * pre-proceedings end, its review meeting, and `care_proceedings` (26 weeks from `issuedOn`) met
 * at `concludedOn`; a closure with RC4 (special guardianship order) is refused unless the
 * proceedings made one. TEST_TODAY 2027-04-30.
 */
describe('proceedings clocks', () => {
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

  const post = (path: string, who: TestUser, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const timescales = async (kase: SeededCase, kind: string, asOf?: string) => {
    const res = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timescales${asOf ? `?asOf=${asOf}` : ''}`)
      .set(bearer(w.manager.token))
      .expect(200);
    return (res.body.data as { kind: string }[]).filter((x) => x.kind === kind);
  };

  /** An authorised FGDM exemption (scope meeting) covering the case's children. */
  async function exemption(kase: SeededCase): Promise<string> {
    const e = await post(`/cases/${kase.caseId}/fgdm-exemptions`, w.practitioner, {
      childIds: kase.childIds,
      scope: 'meeting',
      reason:
        'The baby is to be discharged from hospital tomorrow; the mother’s partner poses an immediate risk.',
    });
    expect(e.status).toBe(201);
    const manager = await serviceManagerOf(t, w);
    expect((await post(`/fgdm-exemptions/${e.body.id}/authorisation`, manager)).status).toBe(200);
    return e.body.id as string;
  }

  /** Pre-proceedings from Monday 4 January 2027; the letter sent on Wednesday 6 January. */
  async function withLetter(): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    const legalGatewayId = await legalGateway(t, w, kase, '2027-01-04');
    await decide(t, kase, w.ecpp, {
      type: 'initiate_pre_proceedings',
      effectiveDate: '2027-01-04',
      legalGatewayId,
    });
    const letter = await post(`/cases/${kase.caseId}/letter-before-proceedings`, w.practitioner, {
      sentOn: '2027-01-06',
      exemptionId: await exemption(kase),
    });
    expect(letter.status).toBe(201);
    return kase;
  }

  it('pre_proceedings: due 16 weeks after the letter, met on the day the ECPP ended pre-proceedings; the review meeting met', async () => {
    const kase = await withLetter();
    expect(await timescales(kase, 'pre_proceedings', '2027-02-01')).toEqual([
      { kind: 'pre_proceedings', dueDate: '2027-04-28', status: 'due' },
    ]);
    const review = await post(`/cases/${kase.caseId}/pre-proceedings-meetings`, w.practitioner, {
      kind: 'review',
      heldOn: '2027-02-15',
      attendees: ['Mother', 'Mother’s solicitor', 'Social worker'],
      parentsRepresented: true,
    });
    expect(review.status).toBe(201);
    const ended = await post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
      type: 'end_pre_proceedings',
      childIds: kase.childIds,
      rationale: RATIONALE,
      effectiveDate: '2027-04-12',
      outcome: 'step_down_child_protection',
    });
    expect(ended.status).toBe(201);
    expect(await timescales(kase, 'pre_proceedings')).toEqual([
      {
        kind: 'pre_proceedings',
        dueDate: '2027-04-28',
        status: 'met',
        metAt: '2027-04-12',
        endedOn: '2027-04-12',
      },
    ]);
    expect(await timescales(kase, 'pre_proceedings_review')).toEqual([
      {
        kind: 'pre_proceedings_review',
        dueDate: '2027-02-17',
        status: 'met',
        metAt: '2027-02-15',
        endedOn: '2027-04-12',
      },
    ]);
  });

  /** Care proceedings applied for on 2026-10-02, issued on 2026-10-05 (due 2027-04-05). */
  async function inCareProceedings(): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-10-01' });
    await exemption(kase);
    await decide(t, kase, w.ecpp, {
      type: 'apply_for_care_proceedings',
      urgent: true,
      effectiveDate: '2026-10-02',
      issuedOn: '2026-10-05',
      court: 'Family Court at Northshire',
    });
    return kase;
  }
  const conclude = (kase: SeededCase, concludedOn: string, orders: string[]) =>
    post(`/cases/${kase.caseId}/decisions`, w.ecpp, {
      type: 'conclude_care_proceedings',
      childIds: kase.childIds,
      rationale: RATIONALE,
      effectiveDate: '2027-04-20',
      concludedOn,
      orders,
    });

  it('care_proceedings: 26 weeks from issuedOn (not the decision), met at concludedOn', async () => {
    const kase = await inCareProceedings();
    expect(await timescales(kase, 'care_proceedings', '2027-01-04')).toEqual([
      { kind: 'care_proceedings', dueDate: '2027-04-05', status: 'due' },
    ]);
    expect((await conclude(kase, '2027-03-31', ['special_guardianship_order'])).status).toBe(201);
    expect(await timescales(kase, 'care_proceedings')).toEqual([
      {
        kind: 'care_proceedings',
        dueDate: '2027-04-05',
        status: 'met',
        metAt: '2027-03-31',
        endedOn: '2027-04-20',
      },
    ]);
  });

  it('care_proceedings: met_late with the days late when the court concluded after 26 weeks', async () => {
    const kase = await inCareProceedings();
    expect((await conclude(kase, '2027-04-19', ['care_order'])).status).toBe(201);
    expect(await timescales(kase, 'care_proceedings')).toEqual([
      {
        kind: 'care_proceedings',
        dueDate: '2027-04-05',
        status: 'met_late',
        metAt: '2027-04-19',
        daysLate: 14,
        endedOn: '2027-04-20',
      },
    ]);
  });

  it('practitioner: a closure with RC4 is refused (400 naming reason) when the proceedings made no SGO; allowed when they did', async () => {
    const proposal = { reason: 'RC4', closedOn: '2027-04-28', primaryNeed: 'N1' };
    const care = await inCareProceedings();
    expect((await conclude(care, '2027-04-19', ['care_order'])).status).toBe(201);
    const refused = await post(`/cases/${care.caseId}/closure-proposals`, w.practitioner, proposal);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'reason', message: expect.stringContaining('RC4') }),
    ]);
    const rc3 = await post(`/cases/${care.caseId}/closure-proposals`, w.practitioner, {
      ...proposal,
      reason: 'RC3',
    });
    expect(rc3.status).toBe(400);

    const sgo = await inCareProceedings();
    expect((await conclude(sgo, '2027-03-31', ['special_guardianship_order'])).status).toBe(201);
    const allowed = await post(`/cases/${sgo.caseId}/closure-proposals`, w.practitioner, proposal);
    expect(allowed.status).toBe(201);
  });

  it('ecpp: withdrawn stands alone among the orders', async () => {
    const kase = await inCareProceedings();
    const both = await conclude(kase, '2027-03-31', ['withdrawn', 'care_order']);
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'orders' })]);
    expect((await conclude(kase, '2027-03-31', ['withdrawn'])).status).toBe(201);
  });
});
