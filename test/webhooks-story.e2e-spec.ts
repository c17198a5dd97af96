import { Webhook } from 'standardwebhooks';
import { EVENT_TYPES } from 'src/events/event-types';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import {
  assignEcpp,
  closeDb,
  db,
  decide,
  raiseConcern,
  RATIONALE,
  startPlanAt,
} from './utils/cp.factories';
import { API, bearer, newLa, newUser, newWorld, World } from './utils/factories';
import { startReceiver, waitFor } from './utils/webhook-receiver';

interface Delivered {
  id: string;
  type: string;
  occurredAt: string;
  localAuthorityId: string;
  data: Record<string, unknown>;
}

/**
 * The integrator's story (issue "Done means"): a local receiver subscribes, a case goes from
 * referral to a child protection plan, every delivery is signed (Standard Webhooks) and arrives
 * in feed order, and the pull feed returns the same events.
 */
describe('events: webhooks and the pull feed, referral to CP plan', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({
      EVENTS_DISPATCHER: 'on',
      EVENTS_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
    });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const subscribe = (
    url: string,
    events: readonly string[] = EVENT_TYPES,
    token = w.laAdmin.token,
  ) =>
    t
      .req()
      .post(`${API}/webhooks`)
      .set(bearer(token))
      .send({ url, events, description: 'Warehouse' });

  it('delivers every event of the story, signed and in order; the pull feed returns the same', async () => {
    const receiver = await startReceiver({ respond: (_r, n) => (n === 2 ? 503 : 200) });
    try {
      const sub = await subscribe(`${receiver.url}/hooks`);
      expect(sub.status).toBe(201);
      expect(sub.body.secret).toMatch(/^whsec_/);
      expect(sub.body).toMatchObject({ active: true, events: [...EVENT_TYPES] });

      // Referral → concern → ECPP → s47 → ICPC (a conference) → CP plan → a visit.
      const opened = await newCase(t, w);
      const kase = {
        caseId: opened.id,
        familyId: opened.familyId,
        childIds: opened.childIds,
        referralDate: '2026-10-01',
      };
      await raiseConcern(t, w, kase);
      await assignEcpp(t, w, kase);
      await decide(t, kase, w.ecpp, {
        type: 'start_section_47_enquiry',
        effectiveDate: '2026-11-02',
        strategyDiscussionDate: '2026-11-02',
      });
      await decide(t, kase, w.ecpp, {
        type: 'convene_initial_cp_conference',
        effectiveDate: '2026-11-09',
      });
      await startPlanAt(t, w, kase, '2026-11-20', 'NEG');
      const visit = await t
        .req()
        .post(`${API}/cases/${kase.caseId}/visits`)
        .set(bearer(w.ecpp.token))
        .send({
          childId: kase.childIds[0],
          date: '2026-11-23',
          seenAlone: true,
          summary: 'Seen in her bedroom',
        });
      expect(visit.status).toBe(201);

      const c = await db(t);
      const expected = (
        await c.query(
          `SELECT count(*)::int AS n FROM integration_event WHERE local_authority_id = $1`,
          [w.la.id],
        )
      ).rows[0].n as number;
      expect(expected).toBe(12);
      const ok = () => receiver.received.filter((_r, i) => i !== 1);
      await waitFor('every event delivered', () => ok().length >= expected);

      // Every request, the failed one included, is signed with the subscription's secret.
      const wh = new Webhook(sub.body.secret);
      for (const r of receiver.received) {
        expect(r.path).toBe('/hooks');
        expect(() => wh.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
        expect(JSON.parse(r.body).id).toBe(r.headers['webhook-id']);
      }
      // A tampered body fails verification (the check above can fail).
      const first = receiver.received[0];
      expect(() =>
        wh.verify(first.body.replace('case.', 'kase.'), first.headers as Record<string, string>),
      ).toThrow();

      // The 503 was retried with the same webhook-id, before anything later was sent.
      expect(receiver.received[2].headers['webhook-id']).toBe(
        receiver.received[1].headers['webhook-id'],
      );
      const delivered = ok().map((r) => JSON.parse(r.body) as Delivered);
      expect(new Set(delivered.map((d) => d.id)).size).toBe(expected);
      expect(delivered.map((d) => d.type)).toEqual([
        'case.opened',
        'concern.raised',
        'co_worker.assigned',
        'decision.recorded',
        'case.stage_changed',
        'decision.recorded',
        // the initial conference that decides the plan (startPlanAt), then the ECPP's decision
        'conference.scheduled',
        'conference.held',
        'conference.concluded',
        'decision.recorded',
        'plan.started',
        'visit.recorded',
      ]);
      expect(
        delivered.every((d) => d.localAuthorityId === w.la.id && d.data.caseId === kase.caseId),
      ).toBe(true);
      expect(delivered.find((d) => d.type === 'plan.started')?.data).toMatchObject({
        planType: 'child_protection',
        category: 'NEG',
        childIds: kase.childIds,
      });

      // Ids and codes only: no names, notes, summaries or rationales.
      const family = await c.query(
        `SELECT first_name, last_name FROM person WHERE family_id = $1`,
        [kase.familyId],
      );
      const all = ok()
        .map((r) => r.body)
        .join('\n');
      for (const p of family.rows) {
        expect(all).not.toContain(p.first_name);
        expect(all).not.toContain(p.last_name);
      }
      for (const text of [RATIONALE, 'Unexplained bruising', 'Seen in her bedroom'])
        expect(all).not.toContain(text);

      // The pull feed (events:read client) returns the same events, in the same order, paged.
      const client = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(w.laAdmin.token))
        .send({ name: 'Feed reader', scopes: ['events:read'] });
      const token = await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: client.body.clientId,
        client_secret: client.body.clientSecret,
      });
      const feed: Delivered[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page: { status: number; body: { data: Delivered[]; nextCursor: string | null } } =
          await t
            .req()
            .get(`${API}/events?limit=3${after ? `&after=${after}` : ''}`)
            .set(bearer(token.body.access_token));
        expect(page.status).toBe(200);
        if (!page.body.data.length) {
          expect(page.body.nextCursor).toBe(after);
          break;
        }
        feed.push(...page.body.data);
        after = page.body.nextCursor;
      }
      expect(feed).toEqual(delivered);

      // The delivery log shows the failed attempt and the success.
      const log = await t
        .req()
        .get(`${API}/webhooks/${sub.body.id}/deliveries?limit=200`)
        .set(bearer(w.laAdmin.token));
      expect(log.status).toBe(200);
      expect(log.body.data).toHaveLength(expected);
      expect(log.body.data.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
      const retried = log.body.data.find((d: { attempts: number }) => d.attempts === 2);
      expect(retried.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([200, 503]);

      // Manual retry sends it again with the same webhook-id.
      const before = receiver.received.length;
      const again = await t
        .req()
        .post(`${API}/webhooks/${sub.body.id}/deliveries/${retried.id}/retry`)
        .set(bearer(w.laAdmin.token));
      expect(again.status).toBe(202);
      await waitFor('manual retry', () => receiver.received.length > before);
      expect(receiver.received[before].headers['webhook-id']).toBe(retried.eventId);
    } finally {
      await receiver.close();
    }
  });

  it('disables a subscription after repeated failures; re-enabling resumes without loss', async () => {
    let failing = true;
    const receiver = await startReceiver({ respond: () => (failing ? 500 : 204) });
    try {
      const other = await newLa(t);
      const admin = await newUser(t, other.id, ['la_admin']);
      const practitioner = await newUser(t, other.id, ['family_help_practitioner']);
      const sub = await subscribe(`${receiver.url}/x`, ['case.opened'], admin.token);
      const team = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name: 'FH', kind: 'family_help' });
      await t
        .req()
        .post(`${API}/teams/${team.body.id}/members`)
        .set(bearer(admin.token))
        .send({ userId: practitioner.id, profession: 'social_worker' });
      const world = { ...w, practitioner, fhTeam: team.body } as World;
      await newCase(t, world);
      await newCase(t, world);
      await waitFor('three failures', async () => {
        const s = await t.req().get(`${API}/webhooks`).set(bearer(admin.token));
        return s.body.data[0].active === false ? s.body.data[0] : undefined;
      });
      const list = await t.req().get(`${API}/webhooks`).set(bearer(admin.token));
      expect(list.body.data[0]).toMatchObject({
        active: false,
        consecutiveFailures: 3,
        disabledReason: expect.stringContaining('3 failed'),
      });
      const attempts = receiver.received.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(receiver.received.length).toBe(attempts); // disabled: nothing more is sent

      failing = false;
      const on = await t
        .req()
        .patch(`${API}/webhooks/${sub.body.id}`)
        .set(bearer(admin.token))
        .set('If-Match', `"${list.body.data[0].version}"`)
        .send({ active: true });
      expect(on.status).toBe(200);
      expect(on.body).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
      await waitFor('both delivered', () => receiver.received.length >= attempts + 2);
      const ids = receiver.received.slice(attempts).map((r) => JSON.parse(r.body).type);
      expect(ids).toEqual(['case.opened', 'case.opened']);
    } finally {
      await receiver.close();
    }
  });

  it.each([
    ['a link-local (cloud metadata) address', 'http://169.254.169.254/latest/meta-data'],
    ['a private address', 'http://10.0.0.7/hook'],
    ['a non-http scheme', 'ftp://example.org/hook'],
    ['credentials in the URL', 'https://user:pw@example.org/hook'],
    ['not a URL', 'hook'],
  ])('refuses %s with a 400 naming url', async (_name, url) => {
    const res = await subscribe(url);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('url');
  });

  it('refuses unknown event types with a 400', async () => {
    const res = await subscribe('https://example.org/hook', ['case.opened', 'case.deleted']);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toMatch(/^events/);
  });

  it.each(['practitioner', 'manager', 'ecpp', 'auditor'] as const)(
    '%s may not manage webhooks or read the feed (403)',
    async (role) => {
      const token = w[role].token;
      expect((await subscribe('https://example.org/hook', ['case.opened'], token)).status).toBe(
        403,
      );
      expect((await t.req().get(`${API}/webhooks`).set(bearer(token))).status).toBe(403);
      expect((await t.req().get(`${API}/events`).set(bearer(token))).status).toBe(403);
    },
  );

  it("another LA's admin sees none of this LA's webhooks or events (404 / empty)", async () => {
    const sub = await subscribe('https://example.org/hook', ['case.opened']);
    const other = await newLa(t);
    const admin = await newUser(t, other.id, ['la_admin']);
    for (const path of [`/webhooks/${sub.body.id}/deliveries`]) {
      expect((await t.req().get(`${API}${path}`).set(bearer(admin.token))).status).toBe(404);
    }
    const patch = await t
      .req()
      .patch(`${API}/webhooks/${sub.body.id}`)
      .set(bearer(admin.token))
      .set('If-Match', '"1"')
      .send({ active: false });
    expect(patch.status).toBe(404);
    expect(
      (await t.req().delete(`${API}/webhooks/${sub.body.id}`).set(bearer(admin.token))).status,
    ).toBe(404);
    const feed = await t.req().get(`${API}/events`).set(bearer(admin.token));
    expect(feed.status).toBe(200);
    expect(
      feed.body.data.every((e: { localAuthorityId: string }) => e.localAuthorityId === other.id),
    ).toBe(true);
    expect((await t.req().get(`${API}/webhooks`).set(bearer(admin.token))).body.data).toEqual([]);
  });

  it('400 for a malformed feed cursor', async () => {
    const res = await t.req().get(`${API}/events?after=abc`).set(bearer(w.laAdmin.token));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('after');
  });
});
