/**
 * "A closed case is read-only" is one fact of the access gate (`open: true`), with one code and
 * one message, on every kind of write: notes, the family help plan, concerns, meetings, FGDM
 * meetings, Family Network Plans, shares, closing again, updating the case. Judged after
 * access: a caller who may not see the case gets its 404, not the 409.
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { closeDb, db, SeededCase } from './utils/cp.factories';
import {
  coWorkedCase,
  draftFnp,
  fnpBody,
  newNetworkMember,
  newPartner,
  PAST,
} from './utils/plan.factories';

const CLOSED = {
  status: 409,
  code: 'case_closed',
  detail: 'The case is closed and read-only; reopen it first',
};

describe('a closed case is read-only: one gate fact, one code, one message', () => {
  let t: TestApp;
  let w: World;
  let kase: SeededCase;
  let carer: string;
  let fnpId: string;
  let partner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    kase = await coWorkedCase(t, w, 2);
    carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    fnpId = (await draftFnp(t, w, kase, carer)).id;
    partner = await newPartner(t, w.la.id, 'police');
    await (
      await db(t)
    ).query(
      `UPDATE case_record SET stage = 'closed', closed_at = now(), closure_reason = 'RC8'
        WHERE id = $1`,
      [kase.caseId],
    );
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const writes: [string, () => { who: () => TestUser; path: string; body: object }][] = [
    [
      'practitioner adds a note',
      () => ({
        who: () => w.practitioner,
        path: `/cases/${kase.caseId}/notes`,
        body: { body: 'Visited.' },
      }),
    ],
    [
      'practitioner raises a concern',
      () => ({
        who: () => w.practitioner,
        path: `/cases/${kase.caseId}/concerns`,
        body: { childIds: [kase.childIds[0]], summary: 'A new worry about the children.' },
      }),
    ],
    [
      'practitioner records an FGDM meeting',
      () => ({
        who: () => w.practitioner,
        path: `/cases/${kase.caseId}/fgdm-meetings`,
        body: {
          date: PAST.meeting,
          coordinator: 'Independent coordinator',
          childIds: [kase.childIds[0]],
          attendees: { familyMemberIds: kase.childIds, networkMemberIds: [carer] },
        },
      }),
    ],
    [
      'practitioner drafts a Family Network Plan',
      () => ({
        who: () => w.practitioner,
        path: `/cases/${kase.caseId}/family-network-plans`,
        body: fnpBody(kase, carer),
      }),
    ],
    [
      'lead practitioner names a partner on the plan',
      () => ({
        who: () => w.practitioner,
        path: `/family-network-plans/${fnpId}/partners`,
        body: { userId: partner.id, lawfulBasis: 'children_act_2004_s11' },
      }),
    ],
    [
      'family_help_manager closes it again',
      () => ({
        who: () => w.manager,
        path: `/cases/${kase.caseId}/close`,
        body: { reason: 'RC8', closedOn: '2027-04-30' },
      }),
    ],
  ];

  it.each(writes)('%s → 409 case_closed, the one message', async (_name, make) => {
    const { who, path, body } = make();
    const res = await t.req().post(`${API}${path}`).set(bearer(who().token)).send(body);
    expect({ status: res.status, code: res.body.code, detail: res.body.detail }).toEqual(CLOSED);
  });

  it('family_help_manager updates the closed case → 409 case_closed, the one message', async () => {
    const got = await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.manager.token));
    const res = await t
      .req()
      .patch(`${API}/cases/${kase.caseId}`)
      .set(bearer(w.manager.token))
      .set('If-Match', got.headers.etag as string)
      .send({ restricted: true });
    expect({ status: res.status, code: res.body.code, detail: res.body.detail }).toEqual(CLOSED);
  });

  it('a practitioner of another team who may not see the restricted closed case → 404, not the 409', async () => {
    await (
      await db(t)
    ).query(`UPDATE case_record SET restricted = true WHERE id = $1`, [kase.caseId]);
    try {
      const res = await t
        .req()
        .post(`${API}/cases/${kase.caseId}/notes`)
        .set(bearer(w.otherPractitioner.token))
        .send({ body: 'Visited.' });
      expect(res.status).toBe(404);
    } finally {
      await (
        await db(t)
      ).query(`UPDATE case_record SET restricted = false WHERE id = $1`, [kase.caseId]);
    }
  });
});
