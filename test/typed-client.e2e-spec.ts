import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from 'src/bin/client-schema';
import { createTandemClient } from '../clients/typescript';
import { createTestApp, TestApp } from './utils/create-app';
import { newWorld, PASSWORD, World } from './utils/factories';

/**
 * The generated TypeScript client (openapi-typescript types + openapi-fetch) against the real
 * server over HTTP: what a UI builder gets for free. The compiler checks paths, bodies and
 * responses here (tsc runs on this file in `npm run lint`).
 */
describe('typed client (clients/typescript)', () => {
  let t: TestApp;
  let w: World;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('is generated from the committed openapi.json (run `npm run openapi`)', () => {
    expect(readFileSync(join(__dirname, '..', CLIENT_SCHEMA_PATH), 'utf8')).toBe(
      clientSchemaSource(join(__dirname, '..', 'openapi.json')),
    );
  });

  it('signs in, opens a case for a new family and reads it back, fully typed', async () => {
    const anon = createTandemClient({ baseUrl });
    const login = await anon.POST('/api/v1/auth/login', {
      body: { email: w.practitioner.email, password: PASSWORD },
    });
    expect(login.response.status).toBe(200);
    const token = login.data!.accessToken;

    const api = createTandemClient({ baseUrl, token });
    const family = await api.POST('/api/v1/families', {
      body: {
        name: 'Typed family',
        members: [
          { kind: 'child', firstName: 'Ada', lastName: 'Typed', dateOfBirth: '2019-01-02' },
        ],
      },
    });
    expect(family.response.status).toBe(201);
    const childId = family.data!.members[0].id;

    const opened = await api.POST('/api/v1/cases', {
      body: {
        familyId: family.data!.id,
        teamId: w.fhTeam.id,
        leadPractitionerId: w.practitioner.id,
        childIds: [childId],
        referral: { date: '2026-10-01', source: '2A' },
      },
    });
    expect(opened.response.status).toBe(201);
    const read = await api.GET('/api/v1/cases/{id}', {
      params: { path: { id: opened.data!.id } },
    });
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ id: opened.data!.id, stage: 'family_help' });
    expect(read.data!.childIds).toEqual([childId]);

    // Errors are typed too: another LA's user sees a 404 problem.
    const missing = await api.GET('/api/v1/cases/{id}', {
      params: { path: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.data).toBeUndefined();
  });
});
