import { runScenarioCli } from 'src/training/scenario-cli';
import { scenarioNames } from 'src/training/scenario-catalog';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { As, RunLogin, STORIES, TRAINING_APP_ENV } from './utils/scenario-stories';

/** Every shipped scenario loads through the CLI code path and through the trainer API, and
 * then tells its story through the public API, as the users the run created. */
describe('shipped training scenarios', () => {
  let t: TestApp;
  let w: World;
  const names = scenarioNames();

  beforeAll(async () => {
    t = await createTestApp(TRAINING_APP_ENV);
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  async function usersOf(logins: (RunLogin & { key: string })[]) {
    const out: Record<string, As> = {};
    for (const l of logins) out[l.key] = await As.login(t, l);
    return out;
  }

  it('ships at least the five scenarios that main supports, each with a story test', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'disagreement',
        'escalation-to-cp',
        'family-help-only',
        'late-icpc',
        'step-down',
      ]),
    );
    expect(names.filter((n) => !STORIES[n])).toEqual([]);
  });

  it.each(names)('%s: loads through the CLI and tells its story', async (name) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runScenarioCli(t.app, ['load', name], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.some((l) => /^\s+\[\s*1\/\d+\] referral on /.test(l))).toBe(true);
    const logins = out
      .map((l) => /^\s{2}(([a-z0-9-]+)@\S+)\s+(\S+)\s+/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ key: m[2], email: m[1], password: m[3] }));
    expect(logins.length).toBeGreaterThan(2);
    await STORIES[name](await usersOf(logins));
    const runId = /as run ([0-9a-f-]{36})/.exec(out.join('\n'))?.[1] as string;
    expect(await runScenarioCli(t.app, ['delete', runId], { out: () => {}, err: () => {} })).toBe(
      0,
    );
  });

  it.each(names)(
    '%s: loads through POST /training/scenarios/:name/runs (trainer)',
    async (name) => {
      const res = await t
        .req()
        .post(`${API}/training/scenarios/${name}/runs`)
        .set(bearer(w.trainer.token))
        .send({});
      expect(res.status).toBe(201);
      const logins = (res.body.users as { email: string; password: string }[]).map((u) => ({
        ...u,
        key: u.email.split('@')[0],
      }));
      await STORIES[name](await usersOf(logins));
      const del = await t
        .req()
        .delete(`${API}/training/runs/${res.body.runId}`)
        .set(bearer(w.trainer.token));
      expect(del.status).toBe(200);
    },
  );
});
