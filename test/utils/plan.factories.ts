/**
 * Factories for plan tests: partner users, network members, FGDM meetings, Family Network Plans
 * and Child Community Safety Plans through the HTTP API.
 */
import { TEST_TODAY, type TestApp } from './create-app';
import { assignEcpp, db, decide, raiseConcern, SeededCase, seedCase } from './cp.factories';
import { API, bearer, newUser, TestUser, World } from './factories';

/** What has happened is dated on or before today and never before what it depends on: the
 * concern is raised today, so the decisions that follow it are dated today too. */
export const TODAY = TEST_TODAY;
export const PAST = { referral: '2026-09-01', meeting: '2026-10-10' };
export const FUTURE_REVIEW = '2027-07-01';

export const LONG_RATIONALE =
  'Police intelligence links the young person to a county line operating from the estate.';

export async function expectStatus(
  res: { status: number; body: unknown },
  status: number,
  what: string,
) {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A partner user of the LA for an agency. */
export function newPartner(t: TestApp, la: string, agency: string): Promise<TestUser> {
  return newUser(t, la, ['partner'], { agency, name: `${agency} partner` });
}

/** A member of the case family's network (a grandmother by default). */
export async function newNetworkMember(
  t: TestApp,
  by: TestUser,
  familyId: string,
  firstName = 'Maureen',
): Promise<string> {
  const res = await t
    .req()
    .post(`${API}/families/${familyId}/network`)
    .set(bearer(by.token))
    .send({ firstName, lastName: 'Network', relationship: 'maternal grandmother' });
  await expectStatus(res, 201, 'add network member');
  return res.body.id as string;
}

/** A seeded Family Help case (two children) with an open concern and the world's ECPP co-working. */
export async function coWorkedCase(t: TestApp, w: World, children = 2): Promise<SeededCase> {
  const kase = await seedCase(t, w, { children, referralDate: PAST.referral });
  await raiseConcern(t, w, kase);
  await assignEcpp(t, w, kase);
  return kase;
}

/** Takes a co-worked case into child protection (s47 started). */
export async function startS47(t: TestApp, w: World, kase: SeededCase): Promise<void> {
  await decide(t, kase, w.ecpp, {
    type: 'start_section_47_enquiry',
    effectiveDate: TODAY,
    strategyDiscussionDate: TODAY,
  });
}

export function fnpBody(kase: SeededCase, carerId: string) {
  return {
    childIds: [kase.childIds[0]],
    carers: [{ networkMemberId: carerId, arrangement: 'Lives with grandmother during the week' }],
    supportPackage: {
      weeklyAllowance: 15000,
      oneOffCosts: [{ description: 'Bunk bed', amount: 35000 }],
      practicalSupport: 'School transport',
      legalSupport: 'Advice on a special guardianship order',
      kinshipLeaveSupport: 'Letter to employer',
    },
    reviewDate: FUTURE_REVIEW,
  };
}

export async function draftFnp(
  t: TestApp,
  w: World,
  kase: SeededCase,
  carerId: string,
): Promise<{ id: string; version: number }> {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/family-network-plans`)
    .set(bearer(w.practitioner.token))
    .send(fnpBody(kase, carerId));
  await expectStatus(res, 201, 'draft FNP');
  return res.body;
}

export function cspBody(childId: string) {
  return {
    childId,
    harmTypes: ['criminal_exploitation'],
    contexts: ['Station Road park after school', 'Trains to the coast at weekends'],
    personsOfConcern: [{ name: '"Dee"', description: 'Older male seen with him at the station' }],
    reviewDate: FUTURE_REVIEW,
    rationale: LONG_RATIONALE,
  };
}

export async function startCsp(
  t: TestApp,
  w: World,
  kase: SeededCase,
  childId = kase.childIds[0],
): Promise<{ id: string; startDecisionId: string }> {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/community-safety-plans`)
    .set(bearer(w.ecpp.token))
    .send(cspBody(childId));
  await expectStatus(res, 201, 'start CSP');
  return res.body;
}

export async function addAction(
  t: TestApp,
  by: TestUser,
  planId: string,
  agency: string,
): Promise<{ id: string; version: number }> {
  const res = await t
    .req()
    .post(`${API}/community-safety-plans/${planId}/actions`)
    .set(bearer(by.token))
    .send({ agency, description: `${agency} action`, dueDate: '2027-01-15' });
  await expectStatus(res, 201, 'add action');
  return res.body;
}

export async function share(
  t: TestApp,
  by: TestUser,
  path: string,
  partner: TestUser,
  lawfulBasis = 'children_act_2004_s11',
): Promise<{ id: string }> {
  const res = await t
    .req()
    .post(`${API}${path}/partners`)
    .set(bearer(by.token))
    .send({ userId: partner.id, lawfulBasis });
  await expectStatus(res, 201, `share ${path}`);
  return res.body;
}

/** Row counts of every plan table and the case's timeline and audit (for "writes nothing"). */
export async function planFootprint(t: TestApp, caseId: string) {
  const c = await db(t);
  const tables = [
    'fgdm_meeting',
    'family_network_plan',
    'family_network_plan_version',
    'family_network_plan_agreement',
    'family_network_plan_review',
    'community_safety_plan',
    'community_safety_plan_action',
    'community_safety_plan_review',
    'information_sharing_record',
    'decision',
  ];
  const { rows } = await c.query(
    `SELECT ${tables.map((x) => `(SELECT count(*)::int FROM ${x}) AS ${x}`).join(', ')},
            (SELECT count(*)::int FROM information_sharing_record WHERE ended_at IS NOT NULL) AS shares_ended,
            (SELECT coalesce(sum(version), 0)::int FROM community_safety_plan_action) AS action_versions,
            (SELECT coalesce(sum(version), 0)::int FROM family_network_plan) AS fnp_versions,
            (SELECT count(*)::int FROM case_event WHERE case_id = $1) AS events,
            (SELECT count(*)::int FROM audit_event WHERE outcome = 'success' AND action NOT LIKE '%.read') AS audit_writes`,
    [caseId],
  );
  return rows[0] as Record<string, number>;
}
