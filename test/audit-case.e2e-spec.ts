import { createTestApp, TestApp } from './utils/create-app';
import { assignEcpp, closeDb, db, raiseConcern, seedCase } from './utils/cp.factories';
import { API, bearer, newWorld, World } from './utils/factories';

/** GET /audit-events?caseId= returns everything recorded on a case and its sub-records;
 * from/to take a date (a day in England) or a timestamp. */
describe('audit by case, dates or timestamps', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const audit = (query: string, token = w.auditor.token) =>
    t.req().get(`${API}/audit-events?limit=200&${query}`).set(bearer(token));

  it('caseId: the case, its notes, concerns and co-workers, reads and denials; not another case', async () => {
    const kase = await seedCase(t, w);
    const other = await seedCase(t, w);
    const note = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/notes`)
      .set(bearer(w.practitioner.token))
      .send({ body: 'Visited the family at home.' });
    expect(note.status).toBe(201);
    const concern = await raiseConcern(t, w, kase);
    const coWorker = await assignEcpp(t, w, kase);
    expect(
      (await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.manager.token))).status,
    ).toBe(200);
    // A denial on the case (a practitioner of another team writing to it) is on its record too.
    const denied = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/notes`)
      .set(bearer(w.otherPractitioner.token))
      .send({ body: 'Not my case.' });
    expect(denied.status).toBe(403);
    await t.req().get(`${API}/cases/${other.caseId}`).set(bearer(w.manager.token));

    const res = await audit(`caseId=${kase.caseId}&order=asc`);
    expect(res.status).toBe(200);
    const rows = res.body.data as { action: string; recordId: string; outcome: string }[];
    const recordIds = new Set(rows.map((r) => r.recordId));
    for (const id of [kase.caseId, note.body.id, concern.id, coWorker.id])
      expect(recordIds).toContain(id);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'case.read',
        'case.note_add',
        'concern.raise',
        'case.co_worker.assign',
      ]),
    );
    expect(rows.filter((r) => r.outcome === 'denied')).toHaveLength(1);
    expect(recordIds).not.toContain(other.caseId);
    const c = await db(t);
    const direct = await c.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE record_id = ANY($1::uuid[])`,
      [[kase.caseId, note.body.id, concern.id, coWorker.id]],
    );
    expect(rows.length).toBeGreaterThanOrEqual(direct.rows[0].n);
  });

  it.each([
    ['a date range covering today', () => `from=${today()}&to=${today()}`, true],
    ['a date range ending yesterday', () => `from=2020-01-01&to=2020-12-31`, false],
    ['a timestamp window covering now', () => `from=${minutesAgo(30)}&to=${minutesAgo(-30)}`, true],
    ['mixed: a date from, a timestamp to', () => `from=${today()}&to=${minutesAgo(-30)}`, true],
  ])('from/to as %s', async (_name, window, found) => {
    const kase = await seedCase(t, w);
    await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.manager.token));
    const res = await audit(`caseId=${kase.caseId}&${window()}`);
    expect(res.status).toBe(200);
    expect(res.body.data.length > 0).toBe(found);
  });

  it.each([
    ['from after to (dates)', 'from=2026-03-02&to=2026-03-01'],
    ['an impossible date', 'from=2026-02-30'],
    ['a timestamp without zone', 'to=2026-03-01T10:00:00'],
    ['a caseId that is not a uuid', 'caseId=abc'],
  ])('400 for %s', async (_name, query) => {
    const res = await audit(query);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toEqual(expect.any(String));
  });

  it.each(['practitioner', 'manager', 'laAdmin'] as const)(
    '%s may not read the audit trail of a case (403)',
    async (role) => {
      const kase = await seedCase(t, w);
      expect((await audit(`caseId=${kase.caseId}`, w[role].token)).status).toBe(403);
    },
  );
});

function today(): string {
  // The day in England (the service reads a date as a London calendar day).
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
function minutesAgo(n: number): string {
  return new Date(Date.now() - n * 60_000).toISOString();
}
