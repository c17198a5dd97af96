import { randomUUID } from 'node:crypto';
import type { Role, TeamKind } from 'src/access/roles';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './create-app';

export const API = '/api/v1';
export const PASSWORD = 'correct-horse-battery-staple';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  roles: Role[];
  localAuthorityId: string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.req().post(`${API}/auth/login`).send({ email, password });
  if (res.status !== 200)
    throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

let adminToken: Promise<string> | null = null;
let adminFor: TestApp | null = null;
export function platformAdminToken(t: TestApp): Promise<string> {
  if (!adminToken || adminFor !== t) {
    adminFor = t;
    adminToken = login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
  }
  return adminToken;
}

export function uniqueCode(prefix = 'LA'): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export async function newLa(
  t: TestApp,
  name = 'Test Council',
): Promise<{ id: string; code: string }> {
  const res = await t
    .req()
    .post(`${API}/local-authorities`)
    .set(bearer(await platformAdminToken(t)))
    .send({ name, code: uniqueCode() });
  if (res.status !== 201) throw new Error(`create LA: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function newUser(
  t: TestApp,
  localAuthorityId: string,
  roles: Role[],
  extra: { agency?: string; name?: string } = {},
): Promise<TestUser> {
  const email = `${roles[0]}-${randomUUID().slice(0, 8)}@tandem.test`;
  const res = await t
    .req()
    .post(`${API}/users`)
    .set(bearer(await platformAdminToken(t)))
    .send({
      email,
      name: extra.name ?? `${roles[0]} user`,
      password: PASSWORD,
      roles,
      localAuthorityId,
      ...(extra.agency
        ? { agency: extra.agency }
        : roles.includes('macpt_member')
          ? { agency: 'police' }
          : {}),
    });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.id,
    email,
    roles,
    localAuthorityId,
    token: await login(t, email, PASSWORD),
  };
}

export async function newTeam(
  t: TestApp,
  laAdmin: TestUser,
  kind: TeamKind,
  members: { user: TestUser; profession?: string }[] = [],
) {
  const res = await t
    .req()
    .post(`${API}/teams`)
    .set(bearer(laAdmin.token))
    .send({ name: `${kind} team ${randomUUID().slice(0, 4)}`, kind });
  if (res.status !== 201) throw new Error(`create team: ${res.status} ${JSON.stringify(res.body)}`);
  for (const m of members) {
    const r = await t
      .req()
      .post(`${API}/teams/${res.body.id}/members`)
      .set(bearer(laAdmin.token))
      .send({ userId: m.user.id, profession: m.profession ?? 'social_worker' });
    // A child-protection membership asked for by an la_admin waits for a second approver.
    if (r.status === 202) await approveAsPlatform(t, r.body.id as string);
    else if (r.status !== 201) throw new Error(`add member: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return res.body as { id: string; kind: TeamKind };
}

/** Dual control: the platform admin approves a pending grant (an approval id from a 202, or
 * an API client's `pendingApproval`). */
export async function approveAsPlatform(t: TestApp, approvalId: string) {
  const res = await t
    .req()
    .post(`${API}/approvals/${approvalId}/approve`)
    .set(bearer(await platformAdminToken(t)));
  if (res.status !== 200) throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; resultId: string };
}

/** An API client's case-content scopes approved by the platform admin (dual control), when
 * its registration asked for any (`pendingApproval`). */
export async function approvePending(
  t: TestApp,
  created: { pendingApproval?: { id: string } | null },
) {
  if (created.pendingApproval) await approveAsPlatform(t, created.pendingApproval.id);
}

/** An API client registered by `laAdmin`, its case-content scopes approved by the platform
 * admin (dual control), as the POST's body with `scopes` as finally held. */
export async function newApiClient(
  t: TestApp,
  laAdmin: { token: string },
  scopes: string[],
  name = 'Integration',
) {
  const res = await t
    .req()
    .post(`${API}/api-clients`)
    .set(bearer(laAdmin.token))
    .send({ name, scopes });
  if (res.status !== 201) throw new Error(`api client: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.body.pendingApproval) await approveAsPlatform(t, res.body.pendingApproval.id);
  return { ...res.body, scopes } as {
    id: string;
    clientId: string;
    clientSecret: string;
    scopes: string[];
    version: number;
  };
}

/** One local authority staffed for the co-working model: a Family Help team (practitioner,
 * manager) and a child-protection team (ECPP, second ECPP, CP manager), plus admin and auditor. */
export async function newWorld(t: TestApp) {
  const la = await newLa(t);
  const [
    laAdmin,
    practitioner,
    manager,
    ecpp,
    ecpp2,
    cpManager,
    auditor,
    trainer,
    otherPractitioner,
    chair,
  ] = await Promise.all([
    newUser(t, la.id, ['la_admin']),
    newUser(t, la.id, ['family_help_practitioner']),
    newUser(t, la.id, ['family_help_manager']),
    newUser(t, la.id, ['ecpp']),
    newUser(t, la.id, ['ecpp']),
    newUser(t, la.id, ['cp_manager']),
    newUser(t, la.id, ['auditor']),
    newUser(t, la.id, ['trainer']),
    newUser(t, la.id, ['family_help_practitioner']),
    newUser(t, la.id, ['conference_chair']),
  ]);
  const fhTeam = await newTeam(t, laAdmin, 'family_help', [
    { user: practitioner },
    { user: manager, profession: 'manager' },
  ]);
  const otherFhTeam = await newTeam(t, laAdmin, 'family_help', [{ user: otherPractitioner }]);
  const cpTeam = await newTeam(t, laAdmin, 'child_protection', [
    { user: ecpp },
    { user: ecpp2 },
    { user: cpManager, profession: 'manager' },
  ]);
  const world = {
    la,
    laAdmin,
    practitioner,
    manager,
    ecpp,
    ecpp2,
    cpManager,
    auditor,
    trainer,
    otherPractitioner,
    chair,
    fhTeam,
    otherFhTeam,
    cpTeam,
  };
  WORLDS.set(la.id, world);
  return world;
}
/** Every world made in this test file, by its LA (factories that need its people). */
export const WORLDS = new Map<string, World>();
export type World = Awaited<ReturnType<typeof newWorld>>;

/**
 * A family member's account, seeded straight into the database (the API makes one only through
 * an approved grant's invitation: test/family-view.e2e-spec.ts), signed in. No grant: every
 * family route answers it 404.
 */
export async function newFamilyMember(t: TestApp, localAuthorityId: string): Promise<TestUser> {
  const email = `family-${randomUUID().slice(0, 8)}@tandem.test`;
  const { Client } = await import('pg');
  const argon2 = await import('argon2');
  const c = new Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    const r = await c.query(
      `INSERT INTO app_user (email, name, password_hash, roles, local_authority_id)
       VALUES ($1, 'Family Member', $2, ARRAY['family_member'], $3) RETURNING id`,
      [email, await argon2.hash(PASSWORD), localAuthorityId],
    );
    return {
      id: r.rows[0].id,
      email,
      token: await login(t, email, PASSWORD),
      roles: ['family_member'],
      localAuthorityId,
    };
  } finally {
    await c.end();
  }
}

/** Adds a team member as `laAdmin`; a child-protection membership waits for a second approver
 * (dual control), given here by the platform admin. */
export async function addTeamMember(
  t: TestApp,
  laAdmin: TestUser,
  teamId: string,
  userId: string,
  profession = 'social_worker',
): Promise<void> {
  const r = await t
    .req()
    .post(`${API}/teams/${teamId}/members`)
    .set(bearer(laAdmin.token))
    .send({ userId, profession });
  if (r.status === 202) await approveAsPlatform(t, r.body.id as string);
  else if (r.status !== 201) throw new Error(`add member: ${r.status} ${JSON.stringify(r.body)}`);
}
