/**
 * Factories for before-proceedings tests (docs/before-proceedings.md): a service manager of a
 * world, a legal gateway meeting, parental responsibility and FGDM offers.
 */
import type { TestApp } from './create-app';
import { API, bearer, newUser, TestUser, World } from './factories';
import type { SeededCase } from './cp.factories';

const managers = new WeakMap<World, Promise<TestUser>>();

/** The world's service manager (made once per world). */
export function serviceManagerOf(t: TestApp, w: World): Promise<TestUser> {
  let m = managers.get(w);
  if (!m) {
    m = newUser(t, w.la.id, ['service_manager']);
    managers.set(w, m);
  }
  return m;
}

async function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** A legal gateway meeting of the case deciding pre-proceedings, chaired by the world's
 * service manager and recorded by the case's practitioner. */
export async function legalGateway(
  t: TestApp,
  w: World,
  kase: SeededCase,
  heldOn: string,
  decision = 'pre_proceedings',
): Promise<string> {
  const chair = await serviceManagerOf(t, w);
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/legal-gateway-meetings`)
    .set(bearer(w.practitioner.token))
    .send({
      heldOn,
      chairId: chair.id,
      legalAdviser: 'A. Patel, LA solicitor',
      decision,
      rationale: 'Threshold met on neglect; the parents can change with support.',
    });
  await expectStatus(res, 201, 'legal gateway meeting');
  return res.body.id as string;
}

/** Records `personId` as holding PR for every child of the case (first version). */
export async function recordPr(
  t: TestApp,
  w: World,
  kase: SeededCase,
  personId: string,
  basis = 'birth_mother',
): Promise<void> {
  const res = await t
    .req()
    .put(`${API}/families/${kase.familyId}/members/${personId}/parental-responsibility`)
    .set(bearer(w.practitioner.token))
    .set('If-Match', '"0"')
    .send(kase.childIds.map((childId) => ({ childId, hasPR: true, basis })));
  await expectStatus(res, 200, 'parental responsibility');
}

/** An FGDM offer to `personId` about every child of the case. */
export async function fgdmOffer(
  t: TestApp,
  w: World,
  kase: SeededCase,
  personId: string,
  offeredOn: string,
  channel = 'letter_before_proceedings',
): Promise<string> {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/fgdm-offers`)
    .set(bearer(w.practitioner.token))
    .send({ childIds: kase.childIds, offeredTo: personId, offeredOn, channel });
  await expectStatus(res, 201, 'FGDM offer');
  return res.body.id as string;
}
