import type { TestApp } from '../test/utils/create-app';
import { newCase, type TestCase } from '../test/utils/case.factories';
import {
  API,
  bearer,
  login,
  newTeam,
  newUser,
  PASSWORD,
  type TestUser,
  type World,
} from '../test/utils/factories';
import type { HotPath } from './same-work';

/** Today in England (the bench's Tandem runs on the real clock). */
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

async function ok(res: { status: number; body: unknown }, expected: number, what: string) {
  if (res.status !== expected)
    throw new Error(`bench setup, ${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * The practitioner's screens and the writes, set up for the same-work lines: one case per
 * concurrent loop (plus one for the capture) with an ECPP co-working it, in child protection (a
 * concern, a s47 enquiry), each with an open decision request and an information request to a GP; a front-door team with `contacts`
 * contacts. Returns the hot paths over them (the caseload paths read the bench's seeded cases).
 */
export async function hotPaths(
  t: TestApp,
  world: World,
  sample: TestCase,
  opts: { concurrency: number; contacts: number },
): Promise<HotPath[] & { signInAgain: () => Promise<void> }> {
  // One header object per user, renewed in place by signInAgain (tokens last 15 minutes).
  const headers = new Map<TestUser, Record<string, string>>();
  const as = (u: TestUser) => {
    if (!headers.has(u)) headers.set(u, { Authorization: `Bearer ${u.token}` });
    return headers.get(u) as Record<string, string>;
  };
  const [gp, fdWorker] = await Promise.all([
    newUser(t, world.la.id, ['partner'], { agency: 'health', name: 'Bench GP' }),
    newUser(t, world.la.id, ['family_help_practitioner']),
  ]);
  await newTeam(t, world.laAdmin, 'front_door', [{ user: fdWorker }]);
  const cases: TestCase[] = [];
  // Each loop rebooks the initial conference of its own case: a convene decision superseding the
  // loop's previous one (decisions on one case are serialised; every step is allowed). Cases
  // 0 … concurrency-1 are Tandem's loops', `concurrency` the capture's, and the next
  // `concurrency` the limit's own: a case's decision history grows with every rebooking, so the
  // two sides each rebook their own cases and round k of each runs on histories of one length
  // (sharing the cases, Tandem always ran on the history the limit had just lengthened).
  const last: string[] = [];
  const limitCase = (w: number) => opts.concurrency + 1 + w;
  for (let i = 0; i <= 2 * opts.concurrency; i++) {
    const c = await newCase(t, world);
    cases.push(c);
    const post = (path: string, token: string, body: object) =>
      t.req().post(`${API}/cases/${c.id}${path}`).set(bearer(token)).send(body);
    await ok(
      await post('/co-workers', world.cpManager.token, {
        userId: world.ecpp.id,
        assignedOn: today(),
      }),
      201,
      'assign the ECPP',
    );
    // In child protection (an information request outside a strategy discussion needs it).
    await ok(
      await post('/concerns', world.practitioner.token, {
        summary: 'Unexplained bruising seen at nursery',
        childIds: c.childIds,
        raisedOn: today(),
      }),
      201,
      'raise a concern',
    );
    await ok(
      await post('/decisions', world.ecpp.token, {
        type: 'start_section_47_enquiry',
        effectiveDate: today(),
        strategyDiscussionDate: today(),
        overrideReason: 'Strategy discussion held and minuted outside Tandem (bench fixture).',
        rationale: 'Multi-agency strategy discussion agreed the threshold is met.',
        childIds: c.childIds,
      }),
      201,
      'start a section 47 enquiry',
    );
    const convened = await post('/decisions', world.ecpp.token, {
      type: 'convene_initial_cp_conference',
      effectiveDate: today(),
      conferenceDate: today(),
      rationale: 'The initial conference is booked for the first date all agencies can attend.',
      childIds: c.childIds,
    });
    await ok(convened, 201, 'convene the initial conference');
    last.push((convened.body as { id: string }).id);
    // The limit's cases carry no requests: the queue and the inbox list the same as before.
    if (i > opts.concurrency) continue;
    await ok(
      await post('/decision-requests', world.practitioner.token, {
        type: 'start_community_safety_plan',
        view: 'The family agreed a safety plan with the school; we think it should be recorded.',
      }),
      201,
      'request a decision',
    );
    await ok(
      await post('/information-requests', world.ecpp.token, {
        recipientUserId: gp.id,
        questions: ['Any attendances or injuries recorded?'],
        gateway: 'children_act_2004_s16LA',
        ukGdprCondition: 'uk_gdpr_6_1_c_legal_obligation',
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
      201,
      'send an information request',
    );
  }
  for (let i = 0; i < opts.contacts; i++)
    await ok(
      await t
        .req()
        .post(`${API}/contacts`)
        .set(bearer(fdWorker.token))
        .send({
          receivedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
          referrer: { name: 'Margaret Hill', relationship: 'grandmother', phone: '01632 960123' },
          source: '1A',
          children: [{ firstName: `Child${i}`, lastName: 'Bench', dateOfBirth: '2019-07-03' }],
          concern: 'The child was crying on the phone and said her mum shouts and hits her.',
          urgency: 'urgent',
          consent: { informed: false, reason: 'Telling her mother may place the child at risk' },
        }),
      201,
      'record a contact',
    );

  let n = 0;
  const practitioner = as(world.practitioner);
  const paths: HotPath[] = [
    {
      key: 'caseload-mine',
      name: 'GET /cases?mine=lead (first page)',
      path: () => `${API}/cases?mine=lead&limit=50`,
      headers: practitioner,
      expectStatus: 200,
    },
    {
      key: 'caseload-team',
      name: 'GET /cases?teamId (first page)',
      path: () => `${API}/cases?teamId=${world.fhTeam.id}&limit=50`,
      headers: practitioner,
      expectStatus: 200,
    },
    {
      key: 'decision-requests',
      name: "GET /decision-requests (ECPP's queue)",
      path: () => `${API}/decision-requests?limit=50`,
      headers: as(world.ecpp),
      expectStatus: 200,
    },
    {
      key: 'information-requests',
      name: 'GET /information-requests (inbox)',
      path: () => `${API}/information-requests?limit=50`,
      headers: as(gp),
      expectStatus: 200,
    },
    {
      key: 'contacts',
      name: 'GET /contacts (front-door queue)',
      path: () => `${API}/contacts?limit=50`,
      headers: as(fdWorker),
      expectStatus: 200,
    },
    {
      key: 'timeline',
      name: 'GET /cases/:id/timeline (first page)',
      path: () => `${API}/cases/${sample.id}/timeline?limit=50`,
      headers: practitioner,
      expectStatus: 200,
    },
    {
      key: 'notes',
      name: 'POST /cases/:id/notes',
      method: 'POST',
      path: () => `${API}/cases/${sample.id}/notes`,
      headers: practitioner,
      body: () => ({ body: `Bench note ${n++}: visited the family at home.` }),
      expectStatus: 201,
    },
    {
      key: 'decisions',
      name: 'POST /cases/:id/decisions',
      method: 'POST',
      path: (w) => `${API}/cases/${cases[w].id}/decisions`,
      headers: as(world.ecpp),
      body: (w) => ({
        type: 'convene_initial_cp_conference',
        effectiveDate: today(),
        conferenceDate: today(),
        rationale: 'The initial conference is rebooked so the GP and the school can attend.',
        childIds: cases[w].childIds,
        supersedesId: last[w],
      }),
      onResponse: (w, status, body) => {
        if (status === 201) last[w] = (JSON.parse(body) as { id: string }).id;
      },
      expectStatus: 201,
      // The limit too: each loop on a case of its own (the limit's, not Tandem's), each replay
      // superseding the loop's last.
      perWorker: (w) => ({
        [cases[opts.concurrency].id]: cases[limitCase(w)].id,
        ...Object.fromEntries(
          cases[opts.concurrency].childIds.map((id, i) => [id, cases[limitCase(w)].childIds[i]]),
        ),
      }),
      chain: {
        get: () => last.slice(limitCase(0), limitCase(opts.concurrency)),
        set: (ids) => ids.forEach((id, w) => id && (last[limitCase(w)] = id)),
      },
      captureWorker: opts.concurrency,
    },
  ];
  return Object.assign(paths, {
    signInAgain: async () => {
      for (const [u, h] of headers) h.Authorization = `Bearer ${await login(t, u.email, PASSWORD)}`;
    },
  });
}
