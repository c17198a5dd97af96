import { Client } from 'pg';
import { createTestApp, TestApp } from './utils/create-app';
import { TRAINING_APP_ENV } from './utils/scenario-stories';
import { API, bearer, newWorld, platformAdminToken, World } from './utils/factories';

/**
 * Sandbox codes live in a reserved namespace (`SBX-…`): a trainer can neither take a real LA's
 * code for a sandbox (nor one a real LA might be given later), nor can a real LA be created
 * inside the namespace; the database holds the rule for every writer.
 */
describe('sandbox codes: a reserved namespace', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(TRAINING_APP_ENV);
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const run = (laCode: string) =>
    t
      .req()
      .post(`${API}/training/scenarios/family-help-only/runs`)
      .set(bearer(w.trainer.token))
      .send({ laCode });

  it.each([
    ["an existing real LA's code", () => w.la.code],
    ['a free code a real LA could be given (NSH)', () => 'NSH'],
    ['a code that only looks like the namespace (SBX without the dash)', () => 'SBXNSH'],
    ['the bare prefix', () => 'SBX-'],
  ])('trainer: a sandbox code outside the namespace, %s → 400 naming laCode', async (_n, code) => {
    const res = await run(code());
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'laCode' });
    expect(res.body.errors[0].message).toContain('SBX-');
  });

  it('trainer: a code in the namespace makes the sandbox; the same code again → 409 code_taken', async () => {
    const code = `SBX-NS-${Date.now().toString(36).toUpperCase()}`;
    const first = await run(code);
    expect(first.status).toBe(201);
    expect(first.body.code).toBe(code);
    const again = await run(code);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('code_taken');
  });

  it('trainer: a generated code is in the namespace', async () => {
    const res = await t
      .req()
      .post(`${API}/training/scenarios/family-help-only/runs`)
      .set(bearer(w.trainer.token))
      .send({});
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^SBX-[0-9A-F]{8}$/);
  });

  it('platform admin: a real LA code in the sandbox namespace → 400 naming code', async () => {
    const res = await t
      .req()
      .post(`${API}/local-authorities`)
      .set(bearer(await platformAdminToken(t)))
      .send({ name: 'Impostor Council', code: 'SBX-NSH' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'code' });
  });

  it('the database refuses a sandbox outside the namespace and a real LA inside it', async () => {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      for (const [code, sandbox] of [
        ['TRAIN-ROGUE', true],
        ['SBX-ROGUE', false],
      ] as const) {
        await expect(
          c.query(`INSERT INTO local_authority (name, code, sandbox) VALUES ('x', $1, $2)`, [
            code,
            sandbox,
          ]),
        ).rejects.toThrow(/ck_local_authority_sandbox_code/);
      }
    } finally {
      await c.end();
    }
  });
});
