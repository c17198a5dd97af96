import { EventRepository } from 'src/events/event.repository';
import { newCase } from './utils/case.factories';
import { closeDb, db } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newApiClient, newWorld, World } from './utils/factories';

/**
 * What the event feed and the webhooks tell integrators and the `la_admin`: never the activity
 * of a restricted case (they may not read it), and positions that count this LA's events only.
 */
describe('events: restricted cases and per-LA positions', () => {
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

  const relay = async () => {
    while ((await t.app.get(EventRepository).relay()) > 0);
  };

  async function clientToken(world: World): Promise<string> {
    const c = await newApiClient(t, world.laAdmin, ['events:read']);
    const res = await t.req().post(`${API}/auth/token`).send({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.clientSecret,
    });
    expect(res.status).toBe(200);
    return res.body.access_token as string;
  }

  /** Every event of the feed the token reads, from the start. */
  async function feed(token: string) {
    const events: { type: string; data: { caseId?: string } }[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { status: number; body: { data: typeof events; nextCursor: string } } = await t
        .req()
        .get(`${API}/events`)
        .query({ limit: 200, ...(after ? { after } : {}) })
        .set(bearer(token));
      expect(res.status).toBe(200);
      events.push(...res.body.data);
      if (!res.body.data.length) return { events, cursor: after };
      after = res.body.nextCursor;
    }
  }

  const caseIdsIn = (events: { data: { caseId?: string } }[]) =>
    new Set(events.map((e) => e.data.caseId).filter(Boolean));

  it.each(['la_admin', 'an events:read API client'])(
    'a restricted case never reaches the feed (%s): its events are withheld, the open case is listed',
    async (who) => {
      const token = who === 'la_admin' ? w.laAdmin.token : await clientToken(w);
      const open = await newCase(t, w);
      const hidden = await newCase(t, w, { restricted: true });
      await relay();
      const ids = caseIdsIn((await feed(token)).events);
      expect(ids.has(open.id)).toBe(true);
      expect(ids.has(hidden.id)).toBe(false);
      const c = await db(t);
      const rows = await c.query<{ withheld: boolean; position: string | null }>(
        `SELECT withheld, position FROM integration_event WHERE data->>'caseId' = $1`,
        [hidden.id],
      );
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(rows.rows.every((r) => r.withheld && r.position === null)).toBe(true);
    },
  );

  it('a restricted case is never queued to a webhook subscription', async () => {
    const sub = await t
      .req()
      .post(`${API}/webhooks`)
      .set(bearer(w.laAdmin.token))
      .send({ url: 'http://127.0.0.1:9/hook', events: ['case.opened'] });
    expect(sub.status).toBe(201);
    const open = await newCase(t, w);
    const hidden = await newCase(t, w, { restricted: true });
    await relay();
    const c = await db(t);
    const queued = await c.query<{ case_id: string }>(
      `SELECT e.data->>'caseId' AS case_id FROM webhook_delivery d
         JOIN integration_event e ON e.id = d.event_id WHERE d.subscription_id = $1`,
      [sub.body.id],
    );
    const ids = queued.rows.map((r) => r.case_id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(hidden.id);
  });

  it('a case restricted after its events were positioned drops out of the feed', async () => {
    const later = await newCase(t, w);
    await relay();
    expect(caseIdsIn((await feed(w.laAdmin.token)).events).has(later.id)).toBe(true);
    const got = await t.req().get(`${API}/cases/${later.id}`).set(bearer(w.manager.token));
    const patched = await t
      .req()
      .patch(`${API}/cases/${later.id}`)
      .set(bearer(w.manager.token))
      .set('If-Match', got.headers.etag as string)
      .send({ restricted: true });
    expect(patched.status).toBe(200);
    await relay();
    expect(caseIdsIn((await feed(w.laAdmin.token)).events).has(later.id)).toBe(false);
  });

  it("positions count the LA's own events only: another LA's activity leaves no gap in the cursor", async () => {
    await newCase(t, other);
    await relay();
    const before = await feed(other.laAdmin.token);
    for (let i = 0; i < 4; i++) await newCase(t, w); // the other LA is busy meanwhile
    await newCase(t, other);
    await relay();
    const res = await t
      .req()
      .get(`${API}/events`)
      .query({ after: before.cursor })
      .set(bearer(other.laAdmin.token));
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    // Dense: the cursor moved by exactly the number of this LA's new events.
    expect(Number(res.body.nextCursor) - Number(before.cursor)).toBe(res.body.data.length);
    // And from the start, this LA's positions are 1…n.
    const all = await feed(other.laAdmin.token);
    expect(Number(all.cursor)).toBe(all.events.length);
    const c = await db(t);
    const mine = await c.query<{ position: string }>(
      `SELECT position::text FROM integration_event
        WHERE local_authority_id = $1 AND position IS NOT NULL ORDER BY position`,
      [other.la.id],
    );
    expect(mine.rows.map((r) => Number(r.position))).toEqual(mine.rows.map((_r, i) => i + 1));
  });
});
