import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { closeDb, db } from './utils/cp.factories';
import { API, bearer, newWorld, World } from './utils/factories';
import { startReceiver, waitFor } from './utils/webhook-receiver';

function startDispatcher(databaseUrl: string, started: ChildProcess[]): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'utils', 'dispatcher-child.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    cwd: join(__dirname, '..'),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      EVENTS_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '100',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.push(child); // killed in afterAll even if it never became ready
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`dispatcher exited early (${code})`)));
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * No event lost or duplicated-as-new when the process dies between commit and delivery: events
 * are committed with no dispatcher running, a dispatcher process is SIGKILLed while a delivery is
 * in flight, a second one is started, and the receiver and the tables are counted.
 */
describe('events survive a killed dispatcher', () => {
  let t: TestApp;
  let w: World;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp(); // this process writes events but never dispatches them
    w = await newWorld(t);
  });
  afterAll(async () => {
    for (const c of children) await kill(c, 'SIGKILL');
    await closeDb(t);
    await t.close();
  });

  it('SIGKILL mid-delivery, restart: every event arrives, none is invented or queued twice', async () => {
    const receiver = await startReceiver({ delayMs: 400 });
    try {
      const sub = await t
        .req()
        .post(`${API}/webhooks`)
        .set(bearer(w.laAdmin.token))
        .send({ url: `${receiver.url}/in`, events: ['case.opened'] });
      expect(sub.status).toBe(201);
      for (let i = 0; i < 6; i++) await newCase(t, w);
      const c = await db(t);
      const events = (
        await c.query(`SELECT id FROM integration_event WHERE local_authority_id = $1`, [w.la.id])
      ).rows.map((r: { id: string }) => r.id);
      expect(events).toHaveLength(6);

      const first = await startDispatcher(t.databaseUrl, children);
      await waitFor('a delivery in flight', () => receiver.received.length >= 1, 60_000);
      await kill(first, 'SIGKILL');
      const mid = await c.query(
        `SELECT status, count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1 GROUP BY status`,
        [sub.body.id],
      );
      const byStatus = Object.fromEntries(
        mid.rows.map((r: { status: string; n: number }) => [r.status, r.n]),
      );
      expect(byStatus.sending).toBe(1); // the one cut off mid-request
      expect((byStatus.delivered ?? 0) + byStatus.sending + (byStatus.pending ?? 0)).toBe(6);

      const second = await startDispatcher(t.databaseUrl, children);
      await waitFor(
        'all delivered after the restart',
        async () =>
          (
            await c.query(
              `SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1 AND status = 'delivered'`,
              [sub.body.id],
            )
          ).rows[0].n === 6,
        60_000,
      );
      await kill(second, 'SIGTERM');

      const ids = receiver.received.map((r) => r.headers['webhook-id'] as string);
      expect(new Set(ids)).toEqual(new Set(events)); // none lost, none new
      expect(ids.length - new Set(ids).size).toBeLessThanOrEqual(1); // only the cut-off one again
      const counts = (
        await c.query(
          `SELECT (SELECT count(*)::int FROM integration_event WHERE local_authority_id = $1) AS events,
                  (SELECT count(*)::int FROM webhook_delivery WHERE subscription_id = $2) AS deliveries`,
          [w.la.id, sub.body.id],
        )
      ).rows[0];
      expect(counts).toEqual({ events: 6, deliveries: 6 });
      // Feed order is delivery order.
      const order = receiver.received
        .map((r) => r.headers['webhook-id'] as string)
        .filter((id, i, all) => all.indexOf(id) === i);
      const feed = await t.req().get(`${API}/events`).set(bearer(w.laAdmin.token));
      expect(feed.body.data.map((e: { id: string }) => e.id)).toEqual(order);
    } finally {
      await receiver.close();
    }
  }, 240_000);
});
