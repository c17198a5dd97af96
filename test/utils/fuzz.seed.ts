import type { TestApp } from './create-app';
import { API, bearer, TestUser, World } from './factories';
import type { Pools } from './fuzz.runner';

/**
 * Real records for the fuzz to aim at, made through the public API (best effort: a step whose
 * route does not exist yet, or refuses, is skipped and reported). Ids land in `pools`.
 */
export async function seedWorld(
  t: TestApp,
  w: World,
  pools: Pools,
): Promise<Record<string, number>> {
  const outcome: Record<string, number> = {};
  const post = async (step: string, u: TestUser, path: string, body: object) => {
    const res = await t.req().post(`${API}${path}`).set(bearer(u.token)).send(body);
    outcome[step] = res.status;
    return res.status < 300 ? (res.body as Record<string, unknown>) : null;
  };

  const family = await post('family', w.practitioner, '/families', {
    name: 'Fuzz family',
    members: [
      { kind: 'child', firstName: 'Robin', lastName: 'Fuzz', dateOfBirth: '2016-05-04' },
      { kind: 'child', firstName: 'Sky', lastName: 'Fuzz', dateOfBirth: '2019-09-09' },
      { kind: 'adult', firstName: 'Jo', lastName: 'Fuzz', dateOfBirth: '1988-01-02' },
    ],
  });
  if (!family) return outcome;
  pools.harvest('families', family);
  const members = (family.members ?? []) as { id: string; kind?: string }[];
  const children = members.filter((m) => m.kind !== 'adult').map((m) => m.id);
  const network = await post('network', w.practitioner, `/families/${String(family.id)}/network`, {
    firstName: 'Nana',
    lastName: 'Fuzz',
    relationship: 'grandparent',
  });
  if (network) pools.harvest('network', network);

  const kase = await post('case', w.practitioner, '/cases', {
    familyId: family.id,
    teamId: w.fhTeam.id,
    leadPractitionerId: w.practitioner.id,
    childIds: children.slice(0, 2),
    referral: { date: '2026-01-05', source: '2A' },
  });
  if (!kase) return outcome;
  pools.harvest('cases', kase);
  const caseId = String(kase.id);
  const concern = await post('concern', w.practitioner, `/cases/${caseId}/concerns`, {
    summary: 'Unexplained bruising seen at school',
    childIds: children.slice(0, 1),
  });
  if (concern) pools.harvest('concerns', concern);
  await post('coWorker', w.cpManager, `/cases/${caseId}/co-workers`, {
    userId: w.ecpp.id,
    assignedOn: '2026-01-05',
  });
  const request = await post(
    'decisionRequest',
    w.practitioner,
    `/cases/${caseId}/decision-requests`,
    {
      type: 'start_section_47_enquiry',
      view: 'The threshold for a section 47 enquiry appears to be met.',
    },
  );
  if (request) pools.harvest('decision-requests', request);
  const decision = await post('decision', w.ecpp, `/cases/${caseId}/decisions`, {
    type: 'start_section_47_enquiry',
    rationale: 'Strategy discussion agreed that the threshold for s47 is met.',
    childIds: children.slice(0, 1),
    effectiveDate: '2026-01-12',
  });
  if (decision) pools.harvest('decisions', decision);
  await post('note', w.practitioner, `/cases/${caseId}/notes`, { body: 'Home visit completed.' });
  return outcome;
}
