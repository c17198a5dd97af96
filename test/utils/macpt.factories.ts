/**
 * Multi-agency child protection steps over HTTP: a strategy discussion scheduled, held and
 * concluded by the co-working ECPP (social care, police and health taking part).
 */
import type { TestApp } from './create-app';
import { API, bearer, TestUser } from './factories';
import type { SeededCase } from './cp.factories';

async function ok(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown> & { id: string };
}

export const CORE_PARTICIPANTS = [
  { name: 'ECPP (social care)', agency: 'social_care', attended: true },
  { name: 'DC Sam Hollis', agency: 'police', attended: true },
  { name: 'Health visitor', agency: 'health', attended: true },
];

export const OUTCOME = {
  s47: 'joint_with_police',
  immediateProtection: 'agreed_safety_plan',
  medical: true,
  abeInterview: false,
  parentsInformed: { by: 'ECPP and police jointly', on: '2026-12-18' },
  rationale: 'Unexplained bruising to a non-mobile child: threshold for joint enquiries met.',
  dissent: [],
};

export async function scheduleDiscussion(
  t: TestApp,
  kase: SeededCase,
  by: TestUser,
  concernIds: string[],
  extra: Record<string, unknown> = {},
) {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/strategy-discussions`)
    .set(bearer(by.token))
    .send({
      childIds: kase.childIds,
      concernIds,
      scheduledFor: '2026-12-18T10:00:00Z',
      format: 'meeting',
      invitees: [{ name: 'DC Sam Hollis', agency: 'police', organisation: 'Police CAIT' }],
      ...extra,
    });
  return ok(res, 201, 'schedule strategy discussion');
}

/** A discussion held on `heldOn` with social care, police and health, concluded with `outcome`. */
export async function concludedDiscussion(
  t: TestApp,
  kase: SeededCase,
  by: TestUser,
  concernIds: string[],
  heldOn = '2026-12-18',
  outcome: Record<string, unknown> = {},
) {
  const d = await scheduleDiscussion(t, kase, by, concernIds);
  await ok(
    await t
      .req()
      .post(`${API}/strategy-discussions/${d.id}/held`)
      .set(bearer(by.token))
      .send({ heldOn, participants: CORE_PARTICIPANTS, contributions: [] }),
    200,
    'hold strategy discussion',
  );
  return ok(
    await t
      .req()
      .post(`${API}/strategy-discussions/${d.id}/outcome`)
      .set(bearer(by.token))
      .send({ ...OUTCOME, parentsInformed: { by: 'ECPP', on: heldOn }, ...outcome }),
    200,
    'conclude strategy discussion',
  );
}
