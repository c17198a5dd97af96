import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  caseInChildProtection,
  closeDb,
  convenedAndOnPlan,
  decide,
  RATIONALE,
  SeededCase,
} from './utils/cp.factories';
import { legalGateway, serviceManagerOf } from './utils/proceedings.factories';

/**
 * Ways out of proceedings (issue 27 item 5, docs/before-proceedings.md): `end_pre_proceedings`
 * steps down to child protection (a child on a plan) or Family Help with the lead unchanged;
 * `conclude_care_proceedings` records the day the court concluded and its orders. Both are the
 * ECPP's decisions; every refusal is named after the role or rule. TEST_TODAY 2027-04-30.
 */
describe('ways out of proceedings', () => {
  let t: TestApp;
  let w: World;
  let other: World;

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = [await newWorld(t), await newWorld(t)];
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, who: TestUser, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const decision = (kase: SeededCase, who: TestUser, body: object) =>
    post(`/cases/${kase.caseId}/decisions`, who, {
      childIds: kase.childIds,
      rationale: RATIONALE,
      ...body,
    });
  const lead = async (kase: SeededCase) =>
    (
      await sql<{ lead: string }>(
        t,
        `SELECT lead_practitioner_id AS lead FROM case_record WHERE id = $1`,
        [kase.caseId],
      )
    )[0].lead;
  const detail = (id: string) =>
    sql(
      t,
      `SELECT outcome, to_char(concluded_on, 'YYYY-MM-DD') AS "concludedOn", orders
         FROM proceedings_decision_detail WHERE decision_id = $1`,
      [id],
    );

  /** A case in pre-proceedings since 2027-01-11 (legal gateway 2027-01-08). */
  async function inPreProceedings(onPlan = false): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    if (onPlan) await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-05');
    const legalGatewayId = await legalGateway(t, w, kase, '2027-01-08');
    await decide(t, kase, w.ecpp, {
      type: 'initiate_pre_proceedings',
      effectiveDate: '2027-01-11',
      legalGatewayId,
    });
    return kase;
  }

  /** A case in care proceedings: an urgent application decided 2027-01-04 and issued
   * 2027-01-05, the FGDM duty covered by an exemption a service_manager authorised. */
  async function inCareProceedings(): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    const e = await post(`/cases/${kase.caseId}/fgdm-exemptions`, w.practitioner, {
      childIds: kase.childIds,
      scope: 'meeting',
      reason:
        'The baby is to be discharged from hospital tomorrow; the mother’s partner poses an immediate risk.',
    });
    expect(e.status).toBe(201);
    const manager = await serviceManagerOf(t, w);
    expect((await post(`/fgdm-exemptions/${e.body.id}/authorisation`, manager)).status).toBe(200);
    await decide(t, kase, w.ecpp, {
      type: 'apply_for_care_proceedings',
      urgent: true,
      effectiveDate: '2027-01-04',
      issuedOn: '2027-01-05',
      court: 'Family Court at Northshire',
    });
    return kase;
  }

  describe('end_pre_proceedings', () => {
    it('ecpp: steps down to family_help when no child is on a plan; the lead is unchanged; the outcome is kept', async () => {
      const kase = await inPreProceedings();
      const before = await lead(kase);
      const res = await decision(kase, w.ecpp, {
        type: 'end_pre_proceedings',
        effectiveDate: '2027-04-12',
        outcome: 'step_down_family_help',
      });
      expect(res.status).toBe(201);
      expect(res.body.caseStage).toBe('family_help');
      expect(await lead(kase)).toBe(before);
      expect(await detail(res.body.id)).toEqual([
        { outcome: 'step_down_family_help', concludedOn: null, orders: null },
      ]);
      // Nothing leads out twice: the case is no longer in pre-proceedings.
      const again = await decision(kase, w.ecpp, {
        type: 'end_pre_proceedings',
        effectiveDate: '2027-04-13',
        outcome: 'step_down_family_help',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('stage_not_allowed');
    });

    it('ecpp: steps down to child_protection while a child is on a plan', async () => {
      const kase = await inPreProceedings(true);
      const res = await decision(kase, w.ecpp, {
        type: 'end_pre_proceedings',
        effectiveDate: '2027-04-12',
        outcome: 'step_down_child_protection',
      });
      expect(res.status).toBe(201);
      expect(res.body.caseStage).toBe('child_protection');
    });

    it('refusals: wrong stage → 409; family_help_practitioner and cp_manager → 403; ecpp of another LA → 404; future or before pre-proceedings, outcome missing → 400', async () => {
      const inCp = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
      const wrongStage = await decision(inCp, w.ecpp, {
        type: 'end_pre_proceedings',
        effectiveDate: '2027-04-12',
        outcome: 'step_down_family_help',
      });
      expect(wrongStage.status).toBe(409);
      expect(wrongStage.body.code).toBe('stage_not_allowed');

      const kase = await inPreProceedings();
      const body = {
        type: 'end_pre_proceedings',
        effectiveDate: '2027-04-12',
        outcome: 'step_down_family_help',
      };
      expect((await decision(kase, w.practitioner, body)).status).toBe(403);
      expect((await decision(kase, w.cpManager, body)).status).toBe(403);
      expect((await decision(kase, other.ecpp, body)).status).toBe(404);
      const future = await decision(kase, w.ecpp, { ...body, effectiveDate: '2027-05-03' });
      expect(future.status).toBe(400);
      expect(future.body.errors[0].field).toBe('effectiveDate');
      const early = await decision(kase, w.ecpp, { ...body, effectiveDate: '2027-01-10' });
      expect(early.status).toBe(400);
      expect(early.body.errors[0].field).toBe('effectiveDate');
      const noOutcome = await decision(kase, w.ecpp, { ...body, outcome: undefined });
      expect(noOutcome.status).toBe(400);
      expect(noOutcome.body.errors[0].field).toBe('outcome');
      const badOutcome = await decision(kase, w.ecpp, { ...body, outcome: 'adopted' });
      expect(badOutcome.status).toBe(400);
      expect(badOutcome.body.errors[0].field).toBe('outcome');
      const orders = await decision(kase, w.ecpp, { ...body, orders: ['care_order'] });
      expect(orders.status).toBe(400);
      expect(orders.body.errors[0].field).toBe('orders');
      // Still in pre-proceedings after every refusal.
      expect((await decision(kase, w.ecpp, body)).body.caseStage).toBe('family_help');
    });
  });

  describe('conclude_care_proceedings', () => {
    it('ecpp: concludes with a special guardianship order; the case steps down to family_help; concludedOn and orders are kept', async () => {
      const kase = await inCareProceedings();
      const before = await lead(kase);
      const res = await decision(kase, w.ecpp, {
        type: 'conclude_care_proceedings',
        effectiveDate: '2027-04-20',
        concludedOn: '2027-04-19',
        orders: ['special_guardianship_order'],
      });
      expect(res.status).toBe(201);
      expect(res.body.caseStage).toBe('family_help');
      expect(await lead(kase)).toBe(before);
      expect(await detail(res.body.id)).toEqual([
        { outcome: null, concludedOn: '2027-04-19', orders: ['special_guardianship_order'] },
      ]);
      const timescales = await t
        .req()
        .get(`${API}/cases/${kase.caseId}/timescales`)
        .set(bearer(w.ecpp.token));
      expect(timescales.status).toBe(200);
      expect(
        timescales.body.data.filter(
          (i: { kind: string; status: string }) =>
            i.kind === 'care_proceedings' && (i.status === 'due' || i.status === 'overdue'),
        ),
      ).toEqual([]);
    });

    it('refusals: in pre_proceedings → 409; family_help_practitioner → 403; ecpp of another LA → 404; concludedOn before the issue, after the decision or in the future, orders missing or no_order with others → 400', async () => {
      const pre = await inPreProceedings();
      const body = {
        type: 'conclude_care_proceedings',
        effectiveDate: '2027-04-20',
        concludedOn: '2027-04-19',
        orders: ['care_order'],
      };
      const wrongStage = await decision(pre, w.ecpp, body);
      expect(wrongStage.status).toBe(409);
      expect(wrongStage.body.code).toBe('stage_not_allowed');

      const kase = await inCareProceedings();
      expect((await decision(kase, w.practitioner, body)).status).toBe(403);
      expect((await decision(kase, other.ecpp, body)).status).toBe(404);
      const field = async (b: object) => {
        const res = await decision(kase, w.ecpp, { ...body, ...b });
        expect(res.status).toBe(400);
        return res.body.errors.map((e: { field: string }) => e.field);
      };
      expect(await field({ effectiveDate: '2027-05-03', concludedOn: '2027-05-03' })).toContain(
        'effectiveDate',
      );
      expect(await field({ concludedOn: '2027-01-04' })).toEqual(['concludedOn']);
      expect(await field({ concludedOn: '2027-04-21' })).toEqual(['concludedOn']);
      expect(await field({ concludedOn: undefined })).toEqual(['concludedOn']);
      expect(await field({ orders: undefined })).toEqual(['orders']);
      expect(await field({ orders: [] })).toEqual(['orders']);
      expect(await field({ orders: ['no_order', 'care_order'] })).toEqual(['orders']);
      expect(await field({ outcome: 'step_down_family_help' })).toEqual(['outcome']);
      const ok = await decision(kase, w.ecpp, body);
      expect(ok.status).toBe(201);
      expect(ok.body.caseStage).toBe('family_help');
    });
  });
});
