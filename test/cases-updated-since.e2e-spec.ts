/**
 * `GET /cases?updatedSince=`: what changed since, for an integrator. A case counts as changed
 * when anything a case read returns changed — its row, or any entry on its timeline (a note, a
 * decision, a plan…) — and the list pages on that instant (`lastActivityAt`), oldest first, so a
 * case that changes while the integrator pages is listed again, never skipped.
 */
import { WebhookDispatcher } from 'src/events/webhook-dispatcher.service';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newApiClient, newWorld, World } from './utils/factories';
import { newCase, TestCase } from './utils/case.factories';

interface Listed {
  id: string;
  updatedAt: string;
  lastActivityAt: string;
}

describe('GET /cases?updatedSince= (what changed since)', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let integrator: string;
  let a: TestCase;
  let b: TestCase;
  let c: TestCase;
  let since: string;

  const caseOf = async (id: string): Promise<Listed> =>
    (await t.req().get(`${API}/cases/${id}`).set(bearer(w.manager.token))).body as Listed;
  const changedSince = (token: string, at: string, extra = '') =>
    t
      .req()
      .get(`${API}/cases?updatedSince=${encodeURIComponent(at)}${extra}`)
      .set(bearer(token));
  const addNote = async (id: string) => {
    const res = await t
      .req()
      .post(`${API}/cases/${id}/notes`)
      .set(bearer(w.practitioner.token))
      .send({ body: 'Telephone call with mother; plan discussed.' });
    expect(res.status).toBe(201);
  };
  const ids = (res: { body: { data: Listed[] } }) => res.body.data.map((x) => x.id);

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = await Promise.all([newWorld(t), newWorld(t)]);
    a = await newCase(t, w);
    b = await newCase(t, w);
    c = await newCase(t, w);
    const client = await newApiClient(t, w.laAdmin, ['cases:read']);
    const token = await t
      .req()
      .post(`${API}/auth/token`)
      .auth(client.clientId, client.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials', scope: 'cases:read' });
    expect(token.status).toBe(200);
    integrator = token.body.access_token as string;
    const seen = await Promise.all([a, b, c].map((x) => caseOf(x.id)));
    since = seen.map((x) => x.lastActivityAt).sort()[2];
  });
  afterAll(() => t.close());

  it('a case read carries lastActivityAt: at creation, its timeline’s first entry or later', async () => {
    const x = await caseOf(a.id);
    expect(Date.parse(x.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(x.updatedAt));
  });

  it('nothing changed since the latest activity: an empty list (integrator and manager)', async () => {
    for (const token of [integrator, w.manager.token]) {
      const res = await changedSince(token, since);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: [], nextCursor: null });
    }
  });

  it('a note (a sub-record, the case row untouched) makes its case changed; oldest activity first', async () => {
    await addNote(b.id);
    await addNote(a.id);
    const res = await changedSince(integrator, since);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([b.id, a.id]);
    const [lb, la] = res.body.data as Listed[];
    expect(lb.lastActivityAt > since).toBe(true);
    expect(la.lastActivityAt > lb.lastActivityAt).toBe(true);
    // The case row did not change: updatedAt alone would have missed it.
    expect(lb.updatedAt <= since).toBe(true);
    // Not c: nothing happened to it.
    expect(ids(res)).not.toContain(c.id);
  });

  it('stable paging: a case that changes between pages moves to the end and is listed again, none skipped', async () => {
    const at = since;
    const first = await changedSince(integrator, at, '&limit=1');
    expect(ids(first)).toEqual([b.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await addNote(b.id); // b changes while the integrator pages
    const second = await changedSince(
      integrator,
      at,
      `&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(ids(second)).toEqual([a.id]);
    const third = await changedSince(
      integrator,
      at,
      `&limit=1&cursor=${encodeURIComponent(second.body.nextCursor)}`,
    );
    expect(ids(third)).toEqual([b.id]);
    expect(third.body.nextCursor).toBeNull();
    // Resuming from the largest lastActivityAt seen: nothing more.
    const resume = (third.body.data as Listed[])[0].lastActivityAt;
    expect(await changedSince(integrator, resume).then((r) => r.body.data)).toEqual([]);
  });

  it('combines with the other filters (stage, teamId)', async () => {
    const res = await changedSince(integrator, since, `&teamId=${w.otherFhTeam.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    const fh = await changedSince(integrator, since, '&stage=family_help');
    expect(ids(fh).sort()).toEqual([a.id, b.id].sort());
  });

  it('another local authority’s manager sees none of these changes (tenancy)', async () => {
    const res = await changedSince(other.manager.token, since);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  it('closing and reopening (the case row) make the case changed, and the pull feed carries the facts: case.closed with closedOn and reason, case.reopened with the referral', async () => {
    const x = await newCase(t, w);
    const mark = (await caseOf(x.id)).lastActivityAt;
    const closed = await t
      .req()
      .post(`${API}/cases/${x.id}/close`)
      .set(bearer(w.manager.token))
      .send({ reason: 'RC8', closedOn: '2027-04-28' });
    expect(closed.status).toBe(200);
    const afterClose = await changedSince(integrator, mark);
    expect(ids(afterClose)).toEqual([x.id]);
    const reopened = await t
      .req()
      .post(`${API}/cases/${x.id}/reopen`)
      .set(bearer(w.manager.token))
      .send({ reason: 'New referral from school', referral: { date: '2027-04-29', source: '1B' } });
    expect(reopened.status).toBe(200);
    const mark2 = (afterClose.body.data as Listed[])[0].lastActivityAt;
    expect(ids(await changedSince(integrator, mark2))).toEqual([x.id]);

    await t.app.get(WebhookDispatcher).tick(); // the relay positions the events in the feed
    const feed: { type: string; data: Record<string, unknown> }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        status: number;
        body: { data: typeof feed; nextCursor: string | null };
      } = await t
        .req()
        .get(`${API}/events?limit=200${after ? `&after=${after}` : ''}`)
        .set(bearer(w.laAdmin.token));
      expect(page.status).toBe(200);
      if (!page.body.data.length) break;
      feed.push(...page.body.data);
      after = page.body.nextCursor;
    }
    const mine = feed.filter((e) => e.data.caseId === x.id);
    expect(mine.find((e) => e.type === 'case.closed')?.data).toMatchObject({
      reason: 'RC8',
      closedOn: '2027-04-28',
    });
    expect(mine.find((e) => e.type === 'case.reopened')?.data).toMatchObject({
      referralDate: '2027-04-29',
      referralSource: '1B',
    });
  });

  it.each([
    ['a date without a time', '2026-11-30'],
    ['a date-time without a zone', '2026-11-30T18:00:00'],
    ['a word', 'yesterday'],
    ['a year outside 2000–2099', '1999-12-31T23:00:00Z'],
  ])('400 naming updatedSince for %s', async (_what, value) => {
    const res = await changedSince(integrator, value);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('updatedSince');
  });

  it('a cursor of the plain list is refused with updatedSince (400 naming cursor)', async () => {
    const plain = await t.req().get(`${API}/cases?limit=1`).set(bearer(integrator));
    expect(plain.body.nextCursor).toEqual(expect.any(String));
    const res = await changedSince(
      integrator,
      '2026-01-01T00:00:00Z',
      `&cursor=${encodeURIComponent(plain.body.nextCursor)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });
});
