import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { SEALED_PREFIX, SecretBox } from 'src/events/webhook-secret-box';
import { SealWebhookSecrets1796130000000 } from '../migrations/1796130000000-SealWebhookSecrets';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { closeDb, db } from './utils/cp.factories';
import { API, bearer, newWorld, World } from './utils/factories';
import { startReceiver, waitFor } from './utils/webhook-receiver';

/**
 * Webhook signing secrets at rest: the column holds a sealed ciphertext (AES-256-GCM), never the
 * secret; a plaintext secret left from before is sealed by the migration; deliveries are still
 * signed with the secret the subscriber was shown; a secret that does not open is never used to
 * send (the attempt fails and is logged).
 */
describe('webhook secrets are encrypted at rest', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(); // no dispatcher: each test runs the one it needs
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('stores no secret in the column, seals old plaintext rows, and deliveries still verify', async () => {
    const receiver = await startReceiver();
    const c = await db(t);
    const dispatcher = await createTestApp({
      EVENTS_DISPATCHER: 'on',
      EVENTS_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '60000',
    });
    try {
      // A: subscribed through the API (sealed by the app).
      const a = await t
        .req()
        .post(`${API}/webhooks`)
        .set(bearer(w.laAdmin.token))
        .send({ url: `${receiver.url}/a`, events: ['case.opened'] });
      expect(a.status).toBe(201);
      const secretA: string = a.body.secret;

      // B: a row as it was before this change (plaintext), then the migration.
      const idB = randomUUID();
      const secretB = `whsec_${randomBytes(32).toString('base64')}`;
      // C: sealed under some other key (a changed WEBHOOK_SECRET_KEY).
      const idC = randomUUID();
      const sealedC = new SecretBox('another-key-that-is-long-enough-0123456789').seal(
        `whsec_${randomBytes(32).toString('base64')}`,
        idC,
      );
      for (const [id, path, secret] of [
        [idB, 'b', secretB],
        [idC, 'c', sealedC],
      ])
        await c.query(
          `INSERT INTO webhook_subscription (id, local_authority_id, url, events, secret)
           VALUES ($1, $2, $3, ARRAY['case.opened'], $4)`,
          [id, w.la.id, `${receiver.url}/${path}`, secret],
        );
      const plainBefore = await c.query(`SELECT secret FROM webhook_subscription WHERE id = $1`, [
        idB,
      ]);
      expect(plainBefore.rows[0].secret).toBe(secretB);
      await new SealWebhookSecrets1796130000000().up({
        query: async (sql: string, params?: unknown[]) => (await c.query(sql, params)).rows,
      } as never);

      const { rows } = await c.query(
        `SELECT id, secret FROM webhook_subscription WHERE local_authority_id = $1`,
        [w.la.id],
      );
      const stored = new Map(rows.map((r: { id: string; secret: string }) => [r.id, r.secret]));
      expect(stored.get(idC)).toBe(sealedC); // already sealed: left alone
      for (const [id, secret] of [
        [a.body.id, secretA],
        [idB, secretB],
      ]) {
        const column = stored.get(id)!;
        expect(column.startsWith(SEALED_PREFIX)).toBe(true);
        expect(column).not.toContain(secret);
        expect(column).not.toContain(secret.slice('whsec_'.length));
        expect(column).not.toContain(
          Buffer.from(secret.slice('whsec_'.length), 'base64').toString('hex'),
        );
      }

      await newCase(t, w);
      await waitFor('A and B delivered', () =>
        ['/a', '/b'].every((p) => receiver.received.some((r) => r.path === p)),
      );
      for (const [path, secret] of [
        ['/a', secretA],
        ['/b', secretB],
      ]) {
        const r = receiver.received.find((x) => x.path === path)!;
        expect(() =>
          new Webhook(secret).verify(r.body, r.headers as Record<string, string>),
        ).not.toThrow();
        expect(JSON.parse(r.body).type).toBe('case.opened');
      }

      // C: never sent (not even unsigned); the attempt failed with the reason in the log.
      const failed = await waitFor('C attempted', async () => {
        const log = await t
          .req()
          .get(`${API}/webhooks/${idC}/deliveries`)
          .set(bearer(w.laAdmin.token));
        return log.body.data?.find((d: { attempts: number }) => d.attempts > 0);
      });
      expect(failed).toMatchObject({ status: 'pending', lastStatusCode: null });
      expect(failed.lastError).toMatch(/does not open with this WEBHOOK_SECRET_KEY/);
      expect(receiver.received.some((r) => r.path === '/c')).toBe(false);
    } finally {
      await receiver.close();
      await dispatcher.close();
    }
  });

  it('rotating WEBHOOK_SECRET_KEY reseals stored secrets at start; deliveries still verify', async () => {
    const OLD = 'old-webhook-key-that-is-long-enough-0123456789';
    const NEW = 'new-webhook-key-that-is-long-enough-0123456789';
    const receiver = await startReceiver();
    const c = await db(t);
    let before: TestApp | null = await createTestApp({ WEBHOOK_SECRET_KEY: OLD });
    let after: TestApp | null = null;
    try {
      const sub = await before
        .req()
        .post(`${API}/webhooks`)
        .set(bearer(w.laAdmin.token))
        .send({ url: `${receiver.url}/rotated`, events: ['case.opened'] });
      expect(sub.status).toBe(201);
      await before.close();
      before = null;
      const column = async () =>
        (await c.query(`SELECT secret FROM webhook_subscription WHERE id = $1`, [sub.body.id]))
          .rows[0].secret as string;
      const sealedOld = await column();
      expect(new SecretBox(OLD).open(sealedOld, sub.body.id)).toBe(sub.body.secret);

      after = await createTestApp({
        WEBHOOK_SECRET_KEY: NEW,
        WEBHOOK_SECRET_KEY_PREVIOUS: OLD,
        EVENTS_DISPATCHER: 'on',
        EVENTS_POLL_MS: '50',
      });
      const sealedNew = await column();
      expect(sealedNew).not.toBe(sealedOld);
      expect(new SecretBox(NEW).open(sealedNew, sub.body.id)).toBe(sub.body.secret);
      expect(() => new SecretBox(OLD).open(sealedNew, sub.body.id)).toThrow();

      await newCase(after, w);
      await waitFor('delivered', () => receiver.received.find((r) => r.path === '/rotated'));
      const r = receiver.received.find((x) => x.path === '/rotated')!;
      expect(() =>
        new Webhook(sub.body.secret).verify(r.body, r.headers as Record<string, string>),
      ).not.toThrow();
    } finally {
      await receiver.close();
      await before?.close();
      await after?.close();
    }
  });
});
