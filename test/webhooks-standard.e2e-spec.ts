import { Webhook } from 'standardwebhooks';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { closeDb, db } from './utils/cp.factories';
import { API, bearer, newLa, newUser, newWorld, TestUser, World } from './utils/factories';
import { startReceiver, waitFor } from './utils/webhook-receiver';

/**
 * Webhooks per the Standard Webhooks specification, checked with its official package: a 410
 * disables the endpoint at once, a 429 or 503 `Retry-After` is honoured, and a rotated secret
 * signs beside the new one for 24 h.
 */
describe('webhooks: Standard Webhooks delivery rules', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({
      EVENTS_DISPATCHER: 'on',
      EVENTS_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_DISABLE_AFTER_FAILURES: '5',
    });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  /** An LA of its own (its events reach only its subscription), its admin and a way to open a
   * case there (one `case.opened` each). */
  async function freshLa() {
    const la = await newLa(t);
    const admin = await newUser(t, la.id, ['la_admin']);
    const practitioner = await newUser(t, la.id, ['family_help_practitioner']);
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
    const subscribe = async (url: string) => {
      const res = await t
        .req()
        .post(`${API}/webhooks`)
        .set(bearer(admin.token))
        .send({ url, events: ['case.opened'] });
      expect(res.status).toBe(201);
      return res.body as { id: string; secret: string; version: number };
    };
    const webhook = async () =>
      (await t.req().get(`${API}/webhooks`).set(bearer(admin.token))).body.data[0];
    return { la, admin, subscribe, webhook, openCase: () => newCase(t, world) };
  }

  it('a 410 Gone disables the subscription at once (one attempt, no retry)', async () => {
    const receiver = await startReceiver({ respond: () => 410 });
    try {
      const x = await freshLa();
      await x.subscribe(`${receiver.url}/gone`);
      await x.openCase();
      const off = await waitFor('disabled', async () => {
        const s = await x.webhook();
        return s.active === false ? s : undefined;
      });
      expect(off.disabledReason).toContain('410');
      expect(off.consecutiveFailures).toBe(1);
      await new Promise((r) => setTimeout(r, 500)); // retries would come every 100-200 ms
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it.each([429, 503])(
    'a %d with Retry-After: 2 is not retried before 2 s (the backoff alone is 100-200 ms)',
    async (status) => {
      const receiver = await startReceiver({
        respond: (_r, n) => (n === 1 ? status : 204),
        headers: (_r, n): Record<string, string> => (n === 1 ? { 'retry-after': '2' } : {}),
      });
      try {
        const x = await freshLa();
        await x.subscribe(`${receiver.url}/busy`);
        await x.openCase();
        await waitFor('the retry', () => receiver.received.length >= 2, 20_000);
        const gap = receiver.received[1].at - receiver.received[0].at;
        expect(gap).toBeGreaterThanOrEqual(1900);
        expect(receiver.received[1].headers['webhook-id']).toBe(
          receiver.received[0].headers['webhook-id'],
        );
        expect((await x.webhook()).active).toBe(true);
      } finally {
        await receiver.close();
      }
    },
  );

  it('rotate-secret: the new secret is shown once; both verify for 24 h, then only the new one', async () => {
    const receiver = await startReceiver();
    try {
      const x = await freshLa();
      const sub = await x.subscribe(`${receiver.url}/rotating`);
      const before = Date.now();
      const rotated = await t
        .req()
        .post(`${API}/webhooks/${sub.id}/rotate-secret`)
        .set(bearer(x.admin.token));
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(sub.secret);
      expect(rotated.body.version).toBe(sub.version + 1);
      const until = Date.parse(rotated.body.previousSecretValidUntil);
      expect(until - before).toBeGreaterThan(24 * 3_600_000 - 60_000);
      expect(until - before).toBeLessThan(24 * 3_600_000 + 60_000);
      // Never shown again.
      expect(JSON.stringify((await x.webhook()) ?? {})).not.toContain('whsec_');

      await x.openCase();
      await waitFor('first delivery', () => receiver.received.length >= 1);
      const first = receiver.received[0];
      expect(String(first.headers['webhook-signature']).split(' ')).toHaveLength(2);
      // The official package accepts it under either secret: the receiver can switch any time.
      for (const secret of [sub.secret, rotated.body.secret])
        expect(new Webhook(secret).verify(first.body, first.headers as never)).toMatchObject({
          type: 'case.opened',
        });

      // The window closes: only the new secret signs.
      const c = await db(t);
      await c.query(
        `UPDATE webhook_subscription SET previous_secret_until = now() - interval '1 second'
          WHERE id = $1`,
        [sub.id],
      );
      await x.openCase();
      await waitFor('second delivery', () => receiver.received.length >= 2);
      const second = receiver.received[1];
      expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(
        new Webhook(rotated.body.secret).verify(second.body, second.headers as never),
      ).toBeTruthy();
      expect(() => new Webhook(sub.secret).verify(second.body, second.headers as never)).toThrow();

      // Audited, without the secret.
      const audit = await c.query(
        `SELECT action, metadata::text AS metadata FROM audit_event
          WHERE record_id = $1 AND action = 'webhook.rotate_secret'`,
        [sub.id],
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0].metadata).not.toContain('whsec_');
    } finally {
      await receiver.close();
    }
  });

  type Fresh = Awaited<ReturnType<typeof freshLa>>;
  const denied: [string, number, (x: Fresh) => Promise<TestUser>][] = [
    ["another LA's la_admin", 404, async () => w.laAdmin],
    [
      'a practitioner of the same LA',
      403,
      async (x) => newUser(t, x.la.id, ['family_help_practitioner']),
    ],
  ];
  it.each(denied)(
    'rotate-secret by %s is refused (%d) and changes nothing',
    async (_who, status, user) => {
      const x = await freshLa();
      const sub = await x.subscribe('http://127.0.0.1:9/never');
      const caller = await user(x);
      const res = await t
        .req()
        .post(`${API}/webhooks/${sub.id}/rotate-secret`)
        .set(bearer(caller.token));
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).not.toContain('whsec_');
      expect((await x.webhook()).version).toBe(sub.version);
    },
  );
});
