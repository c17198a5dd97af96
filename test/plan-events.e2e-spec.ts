import { Webhook } from 'standardwebhooks';
import { closeDb, db } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import {
  coWorkedCase,
  draftFnp,
  expectStatus,
  LONG_RATIONALE,
  newNetworkMember,
  startCsp,
} from './utils/plan.factories';
import { startReceiver, waitFor } from './utils/webhook-receiver';

interface Delivered {
  id: string;
  type: string;
  localAuthorityId: string;
  data: Record<string, unknown>;
}

const PLAN_EVENTS = ['plan.agreed', 'plan.started', 'plan.ended'];

/**
 * Plans announce themselves to integrators: a Family Network Plan agreed, made active and ended,
 * and a Child Community Safety Plan started and ended each write a plan event through the one
 * timeline writer, in the change's transaction; they arrive signed at a webhook and in the pull
 * feed, with ids and codes only.
 */
describe('plan events: Family Network Plans and Child Community Safety Plans', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ EVENTS_DISPATCHER: 'on', EVENTS_POLL_MS: '50' });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('agreed, started and ended plans reach the webhook and the pull feed', async () => {
    const receiver = await startReceiver();
    try {
      const sub = await t
        .req()
        .post(`${API}/webhooks`)
        .set(bearer(w.laAdmin.token))
        .send({ url: `${receiver.url}/plans`, events: PLAN_EVENTS });
      await expectStatus(sub, 201, 'subscribe');

      const kase = await coWorkedCase(t, w, 2);
      const [jay, sibling] = kase.childIds;
      const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
      const fnp = await draftFnp(t, w, kase, carer);
      const path = `${API}/family-network-plans/${fnp.id}`;
      const post = (who: { token: string }, p: string, body: object = {}) =>
        t.req().post(p).set(bearer(who.token)).send(body);
      await expectStatus(await post(w.manager, `${path}/agreements`), 201, 'agree');
      await expectStatus(await post(w.practitioner, `${path}/activate`), 200, 'activate');
      const reason = 'Jay has gone home to mum; the grandmother no longer needs the allowance';
      await expectStatus(await post(w.practitioner, `${path}/end`, { reason }), 200, 'end FNP');

      const csp = await startCsp(t, w, kase, sibling);
      const ended = await post(w.ecpp, `${API}/community-safety-plans/${csp.id}/end`, {
        rationale: LONG_RATIONALE,
      });
      await expectStatus(ended, 200, 'end CSP');

      await waitFor('five plan deliveries', () => receiver.received.length >= 5);
      const wh = new Webhook(sub.body.secret);
      for (const r of receiver.received)
        expect(() => wh.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
      const delivered = receiver.received.map((r) => JSON.parse(r.body) as Delivered);
      expect(delivered.map((d) => [d.type, d.data.planType])).toEqual([
        ['plan.agreed', 'family_network'],
        ['plan.started', 'family_network'],
        ['plan.ended', 'family_network'],
        ['plan.started', 'community_safety'],
        ['plan.ended', 'community_safety'],
      ]);
      for (const d of delivered.slice(0, 3))
        expect(d.data).toEqual({
          caseId: kase.caseId,
          planType: 'family_network',
          planId: fnp.id,
          childIds: [jay],
          version: 1,
        });
      expect(delivered[3].data).toEqual({
        caseId: kase.caseId,
        planType: 'community_safety',
        planId: csp.id,
        childIds: [sibling],
        decisionId: csp.startDecisionId,
        effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(delivered[4].data).toMatchObject({
        planId: csp.id,
        childIds: [sibling],
        decisionId: ended.body.endDecisionId,
      });
      expect(delivered.every((d) => d.localAuthorityId === w.la.id)).toBe(true);

      // Each is written with its change: one plan event per change, none for drafts or reviews.
      const c = await db(t);
      const { rows } = await c.query(
        `SELECT type FROM integration_event
          WHERE local_authority_id = $1 AND type LIKE 'plan.%' AND data->>'caseId' = $2`,
        [w.la.id, kase.caseId],
      );
      expect(rows).toHaveLength(5);

      // Ids and codes only: no reason, rationale, harm type, carer or child name.
      const all = receiver.received.map((r) => r.body).join('\n');
      const people = await c.query(
        `SELECT first_name, last_name FROM person WHERE family_id = $1`,
        [kase.familyId],
      );
      for (const text of [
        reason,
        LONG_RATIONALE,
        'criminal_exploitation',
        'Station Road',
        'Maureen',
        ...people.rows.flatMap((p: { first_name: string; last_name: string }) => [
          p.first_name,
          p.last_name,
        ]),
      ])
        expect(all).not.toContain(text);

      // The pull feed holds the same plan events, in the same order.
      const feed: Delivered[] = [];
      let after: string | null = null;
      for (let i = 0; i < 50; i++) {
        const page: { status: number; body: { data: Delivered[]; nextCursor: string | null } } =
          await t
            .req()
            .get(`${API}/events?limit=50${after ? `&after=${after}` : ''}`)
            .set(bearer(w.laAdmin.token));
        expect(page.status).toBe(200);
        if (!page.body.data.length) break;
        feed.push(...page.body.data);
        after = page.body.nextCursor;
      }
      expect(feed.filter((e) => PLAN_EVENTS.includes(e.type))).toEqual(delivered);
    } finally {
      await receiver.close();
    }
  });
});
