import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { auditRows, newCase, seedCoWorker, sql } from './utils/case.factories';

describe('case notes', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const addNote = (caseId: string, token: string, body: object) =>
    t.req().post(`${API}/cases/${caseId}/notes`).set(bearer(token)).send(body);

  it('a team practitioner adds a note (author, recorded date); timeline + audit; listed oldest first', async () => {
    const c = await newCase(t, w);
    const res = await addNote(c.id, w.practitioner.token, {
      body: 'Home visit; Amira seen alone.',
      recordedAt: '2026-11-01T10:30:00Z',
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      caseId: c.id,
      authorId: w.practitioner.id,
      authorType: 'user',
      body: 'Home visit; Amira seen alone.',
      recordedAt: '2026-11-01T10:30:00.000Z',
      version: 1,
      addenda: [],
    });
    const second = await addNote(c.id, w.manager.token, { body: 'Supervision discussion.' });
    expect(second.status).toBe(201);
    const list = await t.req().get(`${API}/cases/${c.id}/notes`).set(bearer(w.ecpp.token));
    expect(list.status).toBe(200);
    expect(list.body.data.map((n: { id: string }) => n.id)).toEqual([res.body.id, second.body.id]);
    // The answer to the write is the note exactly as it reads back (its RETURNING has the read's columns).
    expect(list.body.data).toEqual([res.body, second.body]);
    const tl = await t.req().get(`${API}/cases/${c.id}/timeline`).set(bearer(w.practitioner.token));
    expect(tl.body.data.map((e: { type: string }) => e.type)).toEqual([
      'case_created',
      'note_added',
      'note_added',
    ]);
    const audit = await auditRows(t, { recordId: res.body.id, action: 'case.note_add' });
    expect(audit).toHaveLength(1);
    expect(audit[0].child_ids).toEqual(c.childIds);
  });

  it('400 for a blank or missing body, a future recordedAt, unknown fields', async () => {
    const c = await newCase(t, w);
    for (const [body, field] of [
      [{}, 'body'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x', recordedAt: '2999-01-01T00:00:00Z' }, 'recordedAt'],
      [{ body: 'x', recordedAt: 'yesterday' }, 'recordedAt'],
      [{ body: 'x', authorId: w.manager.id }, 'authorId'],
    ] as [object, string][]) {
      const res = await addNote(c.id, w.practitioner.token, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await sql(t, `SELECT 1 FROM case_note WHERE case_id = $1`, [c.id])).toHaveLength(0);
  });

  it('who may write: team members and the co-working ECPP; others 403/404; la_admin 403', async () => {
    const c = await newCase(t, w);
    expect((await addNote(c.id, w.ecpp.token, { body: 'x' })).status).toBe(403);
    await seedCoWorker(t, c.id, w.ecpp, w.cpManager);
    expect((await addNote(c.id, w.ecpp.token, { body: 'ECPP note' })).status).toBe(201);
    expect((await addNote(c.id, w.otherPractitioner.token, { body: 'x' })).status).toBe(403);
    expect((await addNote(c.id, w.laAdmin.token, { body: 'x' })).status).toBe(403);
    expect((await addNote(c.id, w.auditor.token, { body: 'x' })).status).toBe(403);
    const w2 = await newWorld(t);
    expect((await addNote(c.id, w2.practitioner.token, { body: 'x' })).status).toBe(404);
    expect((await addNote(randomUUID(), w.practitioner.token, { body: 'x' })).status).toBe(404);
    const denied = await auditRows(t, { recordId: c.id, actorId: w.otherPractitioner.id });
    expect(denied).toEqual([expect.objectContaining({ action: 'case.note', outcome: 'denied' })]);
    const notes = await sql(t, `SELECT author_id FROM case_note WHERE case_id = $1`, [c.id]);
    expect(notes).toEqual([{ author_id: w.ecpp.id }]);
  });

  it('restricted case: 404 for a non-assigned practitioner, denial audited', async () => {
    const c = await newCase(t, w, { restricted: true });
    const res = await t
      .req()
      .get(`${API}/cases/${c.id}/notes`)
      .set(bearer(w.otherPractitioner.token));
    expect(res.status).toBe(404);
    const denied = await auditRows(t, { recordId: c.id, actorId: w.otherPractitioner.id });
    expect(denied).toEqual([
      expect.objectContaining({ outcome: 'denied', reason: 'restricted case' }),
    ]);
  });

  it('the author corrects within 15 minutes (If-Match); others cannot; stale 412; missing 428', async () => {
    const c = await newCase(t, w);
    const n = (await addNote(c.id, w.practitioner.token, { body: 'Visted today' })).body;
    const url = `${API}/cases/${c.id}/notes/${n.id}`;
    expect(
      (await t.req().patch(url).set(bearer(w.practitioner.token)).send({ body: 'Visited today' }))
        .status,
    ).toBe(428);
    const other = await t
      .req()
      .patch(url)
      .set(bearer(w.manager.token))
      .set('If-Match', '"1"')
      .send({ body: 'Hijack' });
    expect(other.status).toBe(403);
    const ok = await t
      .req()
      .patch(url)
      .set(bearer(w.practitioner.token))
      .set('If-Match', '"1"')
      .send({ body: 'Visited today' });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body.body).toBe('Visited today');
    const stale = await t
      .req()
      .patch(url)
      .set(bearer(w.practitioner.token))
      .set('If-Match', '"1"')
      .send({ body: 'Lost' });
    expect(stale.status).toBe(412);
    const audit = await auditRows(t, { recordId: n.id, action: 'case.note_correct' });
    expect(audit[0].changes).toEqual({ body: { before: 'Visted today', after: 'Visited today' } });
  });

  it('after 15 minutes a note is immutable (409) and only an addendum can be added', async () => {
    const c = await newCase(t, w);
    const n = (await addNote(c.id, w.practitioner.token, { body: 'Original' })).body;
    await sql(
      t,
      `UPDATE case_note SET created_at = created_at - interval '16 minutes' WHERE id = $1`,
      [n.id],
    );
    const url = `${API}/cases/${c.id}/notes/${n.id}`;
    const late = await t
      .req()
      .patch(url)
      .set(bearer(w.practitioner.token))
      .set('If-Match', '"1"')
      .send({ body: 'Changed' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('correction_window_closed');
    const add = await t
      .req()
      .post(`${url}/addenda`)
      .set(bearer(w.manager.token))
      .send({ body: 'Addendum: seen with mum.' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ authorId: w.manager.id, body: 'Addendum: seen with mum.' });
    const list = await t.req().get(`${API}/cases/${c.id}/notes`).set(bearer(w.practitioner.token));
    expect(list.body.data[0]).toMatchObject({
      body: 'Original',
      addenda: [expect.objectContaining({ id: add.body.id })],
    });
    const unknown = await t
      .req()
      .post(`${API}/cases/${c.id}/notes/${randomUUID()}/addenda`)
      .set(bearer(w.manager.token))
      .send({ body: 'x' });
    expect(unknown.status).toBe(404);
  });

  it('paginates notes: limit 201 → 400, cursor walks all pages once', async () => {
    const c = await newCase(t, w);
    for (let i = 0; i < 5; i++) await addNote(c.id, w.practitioner.token, { body: `n${i}` });
    const bodies: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await t
        .req()
        .get(`${API}/cases/${c.id}/notes`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(w.practitioner.token));
      expect(r.status).toBe(200);
      bodies.push(...r.body.data.map((n: { body: string }) => n.body));
      cursor = r.body.nextCursor ?? undefined;
    } while (cursor);
    expect(bodies).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(
      (
        await t
          .req()
          .get(`${API}/cases/${c.id}/notes`)
          .query({ limit: 201 })
          .set(bearer(w.practitioner.token))
      ).status,
    ).toBe(400);
  });
});
