/**
 * `clients/typescript` as a package an integrator installs: it builds on its own (its
 * package.json's `build`, its tsconfig: `strict` + `exactOptionalPropertyTypes`), and the
 * COMPILED example integrator script (`examples/integrator.ts` → dist) runs against a live
 * server: client credentials → `updatedSince` → a case → events with a cursor. The token helper
 * refreshes before expiry; errors are typed problems.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WebhookDispatcher } from 'src/events/webhook-dispatcher.service';
import {
  ClientCredentials,
  createTandemClient,
  items,
  TandemApiError,
  TokenError,
  unwrap,
  withCursor,
} from '../clients/typescript';
import type { IntegratorRun } from '../clients/typescript/examples/integrator';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newApiClient, newWorld, World } from './utils/factories';
import { newCase, TestCase } from './utils/case.factories';

const PKG = join(__dirname, '..', 'clients', 'typescript');
const OUT = join(PKG, 'dist');

describe('clients/typescript: a package, and an integrator script that runs', () => {
  let t: TestApp;
  let w: World;
  let baseUrl: string;
  let creds: { clientId: string; clientSecret: string };
  let cases: TestCase[];

  /** The COMPILED example, run as an integrator runs it: its own node process, over HTTP. */
  async function run(resume: { updatedSince?: string; eventsAfter?: string } = {}) {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(OUT, 'examples', 'integrator.js')],
      {
        env: {
          PATH: process.env.PATH ?? '',
          TANDEM_URL: baseUrl,
          TANDEM_CLIENT_ID: creds.clientId,
          TANDEM_CLIENT_SECRET: creds.clientSecret,
          TANDEM_UPDATED_SINCE: resume.updatedSince ?? '',
          TANDEM_EVENTS_AFTER: resume.eventsAfter ?? '',
        },
      },
    );
    return { run: JSON.parse(stdout) as IntegratorRun, log: stderr };
  }

  const raiseConcern = async (c: TestCase) => {
    const res = await t
      .req()
      .post(`${API}/cases/${c.id}/concerns`)
      .set(bearer(w.practitioner.token))
      .send({ summary: 'Bruising seen at nursery', childIds: c.childIds, raisedOn: '2026-11-02' });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    // Build the package as its own `npm run build` does (tsc -p clients/typescript).
    rmSync(OUT, { recursive: true, force: true });
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', PKG], {
      stdio: 'pipe',
    });

    t = await createTestApp();
    w = await newWorld(t);
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    creds = await newApiClient(t, w.laAdmin, ['cases:read', 'events:read'], 'Warehouse');
    cases = [await newCase(t, w), await newCase(t, w)];
    await raiseConcern(cases[1]!);
    await t.app.get(WebhookDispatcher).tick(); // the relay positions the events in the feed
  }, 180_000);
  afterAll(async () => {
    await t.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('has its own package.json (name, version, types, build) and a strict tsconfig', () => {
    const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: '@tandem/client',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      scripts: { build: 'tsc -p tsconfig.json' },
    });
    // The runtime dependency is the exact version the repository uses.
    const root = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.dependencies['openapi-fetch']).toBe(root.devDependencies['openapi-fetch']);
    const ts = JSON.parse(readFileSync(join(PKG, 'tsconfig.json'), 'utf8'));
    expect(ts.compilerOptions).toMatchObject({ strict: true, exactOptionalPropertyTypes: true });
    // The build wrote the declarations the package promises.
    expect(readFileSync(join(OUT, 'index.d.ts'), 'utf8')).toContain('createTandemClient');
  });

  it('the compiled example runs: token → changed cases → a case, named → events with a cursor', async () => {
    const { run: first, log } = await run();
    expect(first.changedCases).toEqual(expect.arrayContaining(cases.map((c) => c.id)));
    expect(first.firstCase).toMatchObject({
      id: first.changedCases[0],
      stage: 'family_help',
      leadPractitioner: expect.any(String),
    });
    expect(first.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.opened', 'concern.raised']),
    );
    expect(first.nextEventsAfter).toEqual(expect.any(String));
    expect(first.nextUpdatedSince).toEqual(expect.any(String));
    expect(first.tokensFetched).toBe(1);
    expect(log).toContain('case(s) changed since');

    // Resuming from the marks: nothing new…
    const resume = {
      updatedSince: first.nextUpdatedSince as string,
      eventsAfter: first.nextEventsAfter as string,
    };
    const again = (await run(resume)).run;
    expect(again.changedCases).toEqual([]);
    expect(again.events).toEqual([]);

    // …until something changes on a case: only that case, only its event.
    await raiseConcern(cases[0]!);
    await t.app.get(WebhookDispatcher).tick();
    const third = (await run(resume)).run;
    expect(third.changedCases).toEqual([cases[0]!.id]);
    expect(third.events.map((e) => e.type)).toEqual(['concern.raised']);
  });

  it('ClientCredentials keeps its token, and fetches a new one shortly before it expires', async () => {
    let now = Date.UTC(2026, 10, 2, 9, 0, 0);
    const c = new ClientCredentials({ baseUrl, ...creds, now: () => now });
    const t1 = await c.token();
    expect(await c.token()).toBe(t1);
    expect(c.fetched).toBe(1);
    // Tandem's tokens live 900 s; the default margin is 60 s: at 839 s still kept…
    now += 839_000;
    await c.token();
    expect(c.fetched).toBe(1);
    // …at 841 s (within a minute of expiry) a new one is fetched, and it works.
    now += 2_000;
    const [a, b] = await Promise.all([c.token(), c.token()]);
    expect(a).toBe(b); // concurrent callers share one request
    expect(c.fetched).toBe(2);
    const api = createTandemClient({ baseUrl, token: () => c.token() });
    const page = await unwrap(api.GET('/api/v1/cases', { params: { query: { limit: 1 } } }));
    expect(page.data).toHaveLength(1);
  });

  it('a wrong secret is a TokenError carrying the RFC 6749 code (invalid_client)', async () => {
    const c = new ClientCredentials({ baseUrl, clientId: creds.clientId, clientSecret: 'wrong' });
    await expect(c.token()).rejects.toMatchObject({
      name: 'TokenError',
      status: 401,
      error: 'invalid_client',
    });
    await expect(c.token()).rejects.toBeInstanceOf(TokenError);
  });

  it('errors are typed problems: 404 not_found, 400 naming the field', async () => {
    const c = new ClientCredentials({ baseUrl, ...creds });
    const api = createTandemClient({ baseUrl, token: () => c.token() });
    const missing = unwrap(
      api.GET('/api/v1/cases/{id}', {
        params: { path: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } },
      }),
    );
    await expect(missing).rejects.toBeInstanceOf(TandemApiError);
    await expect(missing).rejects.toMatchObject({ status: 404, code: 'not_found' });
    const bad = await unwrap(
      api.GET('/api/v1/cases', { params: { query: { updatedSince: 'yesterday' } } }),
    ).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TandemApiError);
    const err = bad as TandemApiError;
    expect(err.status).toBe(400);
    expect(err.fieldErrors.map((f) => f.field)).toContain('updatedSince');
    expect(err.requestId).toEqual(expect.any(String));
  });

  it('items() follows nextCursor across pages', async () => {
    const c = new ClientCredentials({ baseUrl, ...creds });
    const api = createTandemClient({ baseUrl, token: () => c.token() });
    const seen: string[] = [];
    let calls = 0;
    for await (const kase of items((cursor) => {
      calls += 1;
      return unwrap(
        api.GET('/api/v1/cases', { params: { query: withCursor({ limit: 1 }, cursor) } }),
      );
    }))
      seen.push(kase.id);
    expect(seen.sort()).toEqual(cases.map((x) => x.id).sort());
    expect(calls).toBe(cases.length); // one page per case; the last says nextCursor: null
  });
});
