/**
 * The pseudonymised evaluation extract: built through the API (names, dates of birth, notes,
 * concern summaries, rationales, visit summaries in the records), then every cell of every
 * table searched for every seeded name, date of birth, free text and raw id.
 */
import { Client } from 'pg';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World, approvePending } from './utils/factories';
import { newCase, TestCase } from './utils/case.factories';
import { assignEcpp, closeDb, db, decide, raiseConcern, SeededCase } from './utils/cp.factories';

const BODY = {
  purpose: 'Evaluation of Family Help co-working, phase 1',
  lawfulBasis: 'uk_gdpr_6_1_e_public_task',
  from: '2026-09-01',
  to: '2026-12-31',
};
const NOTE = 'Mother disclosed a SECRETNOTE about the neighbour';
const VISIT = 'Saw the VISITSECRET bedroom';

/** Cells of a CSV written by the extract (quoted cells may hold commas). */
function cells(csv: string): string[] {
  const out: string[] = [];
  for (const line of csv.split('\r\n').filter(Boolean)) {
    for (const m of line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)) {
      if (m.index === line.length && m[0] === '') break;
      out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    }
  }
  return out;
}

function table(csv: string): Record<string, string>[] {
  const [head, ...rows] = csv.split('\r\n').filter(Boolean);
  const names = head.split(',');
  return rows.map((r) => Object.fromEntries(cells(r).map((v, i) => [names[i], v])));
}

describe('pseudonymised evaluation extract (POST /evaluation/extracts)', () => {
  let t: TestApp;
  let w: World;
  let c: Client;
  const cases: TestCase[] = [];
  let secrets: string[];

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    c = await db(t);
    for (let i = 0; i < 7; i++) {
      cases.push(await newCase(t, w, { restricted: i === 5, referralDate: '2026-10-01' }));
    }
    const k: SeededCase = {
      caseId: cases[0].id,
      familyId: cases[0].familyId,
      childIds: cases[0].childIds,
      referralDate: '2026-10-01',
    };
    await raiseConcern(t, w, k);
    await assignEcpp(t, w, k);
    await decide(t, k, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-10-05',
      strategyDiscussionDate: '2026-10-05',
    });
    const note = await t
      .req()
      .post(`${API}/cases/${k.caseId}/notes`)
      .set(bearer(w.practitioner.token))
      .send({ body: NOTE });
    expect(note.status).toBe(201);
    const visit = await t
      .req()
      .post(`${API}/cases/${k.caseId}/visits`)
      .set(bearer(w.practitioner.token))
      .send({ childId: k.childIds[0], date: '2026-10-10', seenAlone: true, summary: VISIT });
    expect(visit.status).toBe(201);

    const people = await c.query(
      `SELECT p.id, p.first_name, p.last_name, p.date_of_birth::text AS dob, f.name AS family
         FROM person p JOIN family f ON f.id = p.family_id WHERE p.local_authority_id = $1`,
      [w.la.id],
    );
    const users = await c.query(
      `SELECT id, name, email FROM app_user WHERE local_authority_id = $1`,
      [w.la.id],
    );
    const rows = await c.query(
      `SELECT id::text FROM case_record WHERE local_authority_id = $1
       UNION ALL SELECT id::text FROM family WHERE local_authority_id = $1
       UNION ALL SELECT id::text FROM team WHERE local_authority_id = $1
       UNION ALL SELECT id::text FROM decision WHERE local_authority_id = $1
       UNION ALL SELECT id::text FROM case_concern WHERE local_authority_id = $1
       UNION ALL SELECT summary FROM case_concern WHERE local_authority_id = $1
       UNION ALL SELECT rationale FROM decision WHERE local_authority_id = $1`,
      [w.la.id],
    );
    secrets = [
      w.la.id,
      NOTE,
      'SECRETNOTE',
      'VISITSECRET',
      ...people.rows.flatMap((p) => [p.id, p.first_name, p.last_name, p.family, p.dob]),
      ...users.rows.flatMap((u) => [u.id, u.name, u.email]),
      ...rows.rows.map((r) => r.id),
    ].filter((s): s is string => typeof s === 'string' && s.length >= 6);
    expect(secrets.length).toBeGreaterThan(40);
  });

  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const extract = (token: string, body: Record<string, unknown> = BODY) =>
    t.req().post(`${API}/evaluation/extracts`).set(bearer(token)).send(body);

  it('auditor: no cell holds a seeded name, date of birth, free text or raw id', async () => {
    const res = await extract(w.auditor.token);
    expect(res.status).toBe(200);
    const all = [res.body.episodes, res.body.events, res.body.aggregates].flatMap(cells);
    expect(all.length).toBeGreaterThan(50);
    for (const cell of all) {
      for (const s of secrets) {
        if (cell.toLowerCase().includes(s.toLowerCase())) throw new Error(`leaked ${s} in ${cell}`);
      }
    }
    expect(JSON.stringify(res.body)).not.toMatch(/SECRETNOTE|VISITSECRET/);
  });

  it('one row per child-episode of unrestricted cases, events linked by a stable pseudonym, typed columns', async () => {
    const res = await extract(w.auditor.token);
    const episodes = table(res.body.episodes);
    const events = table(res.body.events);
    expect(episodes).toHaveLength(6); // the restricted case is in no table
    expect(new Set(episodes.map((e) => e.episode_ref)).size).toBe(6);
    expect(episodes.every((e) => e.age_band_at_referral === '5_9')).toBe(true);
    const cp = episodes.filter((e) => e.stage === 'child_protection');
    expect(cp).toHaveLength(1);
    const cpEvents = events.filter((e) => e.case_ref === cp[0].case_ref);
    expect(cpEvents.map((e) => e.event_type)).toEqual(
      expect.arrayContaining([
        'case_created',
        'concern_raised',
        'co_worker_assigned',
        'decision_recorded',
        'stage_changed',
        'note_added',
        'visit_recorded',
      ]),
    );
    const change = cpEvents.find((e) => e.event_type === 'stage_changed')!;
    expect(change).toMatchObject({ stage_before: 'family_help', stage_after: 'child_protection' });
    const decision = cpEvents.find((e) => e.event_type === 'decision_recorded')!;
    expect(decision).toMatchObject({
      decision_type: 'start_section_47_enquiry',
      actor_role: 'ecpp',
      team_kind: 'child_protection',
    });
    const created = cpEvents.find((e) => e.event_type === 'case_created')!;
    expect(created).toMatchObject({
      stage_before: 'family_help',
      actor_role: 'family_help_practitioner',
      team_kind: 'family_help',
    });
    expect(Number.isInteger(Number(created.week_offset))).toBe(true);
    expect(res.body.columns.events).toContainEqual({ name: 'week_offset', type: 'integer' });
    expect(res.body.columns.events.map((col: { name: string }) => col.name)).not.toContain(
      'day_offset',
    );

    const again = await extract(w.auditor.token);
    const refs = new Set(table(again.body.episodes).map((e) => e.case_ref));
    for (const e of episodes) expect(refs.has(e.case_ref)).toBe(false); // a fresh key each time
  });

  it('aggregates count the same population as the rows (restricted cases in neither) and suppress cells under 5', async () => {
    const res = await extract(w.auditor.token);
    expect(table(res.body.aggregates)).toEqual([
      {
        age_band_at_referral: '5_9',
        stage: 'child_protection',
        team_kind: 'family_help',
        child_episodes: '',
        suppressed: 'true',
      },
      {
        age_band_at_referral: '5_9',
        stage: 'family_help',
        team_kind: 'family_help',
        child_episodes: '5',
        suppressed: 'false',
      },
    ]);
  });

  it('every extract is audited with its purpose and lawful basis; the key is nowhere', async () => {
    const res = await extract(w.auditor.token);
    const audit = await c.query(
      `SELECT metadata FROM audit_event WHERE action = 'evaluation.extract' AND record_id = $1`,
      [res.body.extractId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].metadata).toMatchObject({
      purpose: BODY.purpose,
      lawfulBasis: BODY.lawfulBasis,
      episodes: 6,
    });
    expect(Object.keys(res.body).sort()).toEqual(
      ['aggregates', 'columns', 'episodes', 'events', 'extractId', 'from', 'to'].sort(),
    );
  });

  it.each([
    ['purpose', { ...BODY, purpose: undefined }],
    ['purpose', { ...BODY, purpose: 'too short' }],
    ['lawfulBasis', { ...BODY, lawfulBasis: 'because' }],
    ['from', { ...BODY, from: '2026-13-01' }],
    ['from', { ...BODY, from: '2027-01-01', to: '2026-01-01' }],
    ['from', { ...BODY, from: '2026-09-02' }],
    ['to', { ...BODY, to: '2026-12-30' }],
    ['to', { ...BODY, to: '2026-11-01' }],
  ])('400 naming %s, and nothing audited', async (field, body) => {
    const before = await c.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'evaluation.extract'`,
    );
    const res = await extract(w.auditor.token, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field);
    const after = await c.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'evaluation.extract'`,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it.each(['laAdmin', 'cpManager', 'manager', 'practitioner', 'ecpp', 'trainer'] as const)(
    '%s → 403',
    async (who) => {
      expect((await extract(w[who].token)).status).toBe(403);
    },
  );

  it('an API client: evaluation:read may extract; export:read may not', async () => {
    async function clientToken(scopes: string[]) {
      const created = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(w.laAdmin.token))
        .send({ name: 'Evaluation partner', scopes });
      expect(created.status).toBe(201);
      await approvePending(t, created.body);
      const tok = await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: created.body.clientId,
        client_secret: created.body.clientSecret,
      });
      return tok.body.access_token as string;
    }
    const evaluator = await extract(await clientToken(['evaluation:read']));
    expect(evaluator.status).toBe(200);
    expect(table(evaluator.body.episodes)).toHaveLength(6);
    expect((await extract(await clientToken(['export:read']))).status).toBe(403);
  });
});
