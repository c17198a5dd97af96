/**
 * The information-request inbox pages by due time across every way a request reaches it (to
 * me, to my agency, on a case I may send on): each way is read as its own keyset page and the
 * page is the first of their union (InformationRequestRepository.inbox, docs/bench.md), so
 * following `nextCursor` must give every request once, in due order, whichever way it came.
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, type TestUser, World } from './utils/factories';
import { caseInChildProtection, closeDb } from './utils/cp.factories';

describe('information-request inbox pages', () => {
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

  /** Every page of the caller's inbox, `limit` at a time, following nextCursor. */
  async function allPages(who: TestUser, limit: number): Promise<{ id: string; dueAt: string }[]> {
    const seen: { id: string; dueAt: string }[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res: { status: number; body: any } = await t
        .req()
        .get(`${API}/information-requests`)
        .query({ limit, ...(cursor ? { cursor } : {}) })
        .set(bearer(who.token));
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('the inbox did not end');
  }

  it('partner and ecpp: pages of 2 give each request once, by due time, to me and to my agency interleaved', async () => {
    const kase = await caseInChildProtection(t, w);
    const gp = await newUser(t, w.la.id, ['partner'], { agency: 'health' });
    // Due times interleave the two ways a request reaches the GP: to them, to their agency.
    const sent: { id: string; dueAt: string }[] = [];
    for (const [i, to] of (
      [
        { recipientUserId: gp.id },
        { recipientAgency: 'health' },
        { recipientUserId: gp.id },
        { recipientAgency: 'health' },
        { recipientAgency: 'health' },
      ] as object[]
    ).entries()) {
      const res = await t
        .req()
        .post(`${API}/cases/${kase.caseId}/information-requests`)
        .set(bearer(w.ecpp.token))
        .send({
          ...to,
          childIds: kase.childIds,
          questions: ['Any injuries seen in the last year?'],
          gateway: 'children_act_1989_s47_9',
          ukGdprCondition: 'uk_gdpr_6_1_e_public_task',
          dueAt: `2027-05-1${i}T10:00:00.000Z`,
        });
      expect(res.status).toBe(201);
      sent.push({ id: res.body.id, dueAt: res.body.dueAt });
    }
    const byDue = [...sent].sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map((r) => r.id);

    const gpInbox = await allPages(gp, 2);
    expect(gpInbox.map((r) => r.id)).toEqual(byDue);

    // The ECPP co-works the case: the same five, by the staff way, each once and in order.
    const ecppInbox = (await allPages(w.ecpp, 2)).filter((r) => byDue.includes(r.id));
    expect(ecppInbox.map((r) => r.id)).toEqual(byDue);
  });
});
