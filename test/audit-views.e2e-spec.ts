import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditSettled, createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, TestUser } from './utils/factories';

/** Minimal RFC 4180 reader for asserting on the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('auditor views: /audit-events, export.csv, access report', () => {
  let t: TestApp;
  let ds: DataSource;
  let la: { id: string };
  let auditor: TestUser;
  let laAdmin: TestUser;
  let practitioner: TestUser;
  let manager: TestUser;
  let otherAuditor: TestUser;
  let childId: string;
  const recordId = randomUUID();

  /** Inserts audit rows directly (INSERT is what the append-only table allows). */
  const insertEvents = (n: number, at: string, extra: { actorId?: string; childIds?: string[] }) =>
    ds.query(
      `INSERT INTO audit_event (at, local_authority_id, actor_type, actor_id, action, record_type, record_id, child_ids)
       SELECT $1::timestamptz, $2, 'user', $3, 'case.read', 'case', $4, $5::uuid[] FROM generate_series(1, $6)`,
      [at, la.id, extra.actorId ?? practitioner.id, recordId, extra.childIds ?? [], n],
    );

  const get = (u: TestUser, path: string) => t.req().get(`${API}${path}`).set(bearer(u.token));

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    la = await newLa(t);
    const other = await newLa(t);
    [auditor, laAdmin, practitioner, manager, otherAuditor] = await Promise.all([
      newUser(t, la.id, ['auditor']),
      newUser(t, la.id, ['la_admin']),
      newUser(t, la.id, ['family_help_practitioner'], { name: 'Pat Practitioner' }),
      newUser(t, la.id, ['family_help_manager', 'family_help_practitioner'], {
        name: 'Morgan Manager',
      }),
      newUser(t, other.id, ['auditor']),
    ]);
    const person: { id: string }[] = await ds.query(
      `INSERT INTO person (local_authority_id, kind, first_name, last_name) VALUES ($1, 'child', 'Alex', 'Child') RETURNING id`,
      [la.id],
    );
    childId = person[0].id;
    // Seven reads in the same microsecond (keyset ties broken by id), then three later ones.
    await insertEvents(7, '2026-02-01T10:00:00.123456Z', { childIds: [childId] });
    await insertEvents(3, '2026-02-03T09:00:00Z', { actorId: manager.id, childIds: [childId] });
  });
  afterAll(() => t.close());

  it('is for auditors only: 403 for la_admin and practitioners, and the refusal is audited', async () => {
    for (const u of [laAdmin, practitioner]) {
      const rid = `deny-audit-${randomUUID()}`;
      const res = await get(u, '/audit-events').set('X-Request-Id', rid);
      expect(res.status).toBe(403);
      await auditSettled(t);
      const rows: { action: string; actor_id: string }[] = await ds.query(
        `SELECT action, actor_id FROM audit_event WHERE request_id = $1`,
        [rid],
      );
      expect(rows).toEqual([{ action: 'audit.read', actor_id: u.id }]);
    }
    expect((await get(laAdmin, `/children/${childId}/access-report`)).status).toBe(403);
    expect((await get(practitioner, '/audit-events/export.csv')).status).toBe(403);
    expect((await t.req().get(`${API}/audit-events`)).status).toBe(401);
  });

  it('lists events with every field, filtered by record, actor, action and time, own LA only', async () => {
    const res = await get(auditor, `/audit-events?recordId=${recordId}&limit=200`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(10);
    expect(res.body.nextCursor).toBeNull();
    expect(Object.keys(res.body.data[0]).sort()).toEqual(
      [
        'id',
        'at',
        'actorId',
        'actorType',
        'action',
        'recordType',
        'recordId',
        'childIds',
        'outcome',
        'requestId',
        'ip',
        'changes',
        'reason',
        'metadata',
      ].sort(),
    );
    // newest first by default
    expect(res.body.data[0]).toMatchObject({
      actorId: manager.id,
      at: '2026-02-03T09:00:00.000000Z',
    });

    const byActor = await get(auditor, `/audit-events?recordId=${recordId}&actorId=${manager.id}`);
    expect(byActor.body.data.map((e: { actorId: string }) => e.actorId)).toEqual(
      Array(3).fill(manager.id),
    );
    const window = await get(
      auditor,
      `/audit-events?recordId=${recordId}&from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00%2B00:00`,
    );
    expect(window.body.data).toHaveLength(7);
    const byAction = await get(auditor, `/audit-events?recordId=${recordId}&action=case.update`);
    expect(byAction.body.data).toEqual([]);

    const logins = await get(auditor, `/audit-events?actorId=${practitioner.id}&action=auth.login`);
    expect(logins.body.data).toHaveLength(1);
    expect(logins.body.data[0]).toMatchObject({ action: 'auth.login', outcome: 'success' });

    // Another LA's auditor sees none of it, even with the exact record id.
    const foreign = await get(otherAuditor, `/audit-events?recordId=${recordId}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body.data).toEqual([]);
    const foreignActor = await get(otherAuditor, `/audit-events?actorId=${practitioner.id}`);
    expect(foreignActor.body.data).toEqual([]);
  });

  it.each(['asc', 'desc'])(
    'pages through ties in the same microsecond without gaps or repeats (%s)',
    async (order) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `/audit-events?recordId=${recordId}&limit=3&order=${order}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await get(auditor, q);
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.data.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(new Set(seen).size).toBe(10);
      const all = await get(auditor, `/audit-events?recordId=${recordId}&order=${order}`);
      expect(seen).toEqual(all.body.data.map((e: { id: string }) => e.id));
    },
  );

  it.each([
    ['from=yesterday', 'from'],
    ['from=2026-02-01T10:00', 'from'],
    ['to=2026-02-30T00:00:00Z', 'to'],
    ['from=0000-01-01T00:00:00Z', 'from'],
    ['from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'from'],
    ['limit=201', 'limit'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=junk', 'cursor'],
    [`cursor=${Buffer.from('["x","1"]').toString('base64url')}`, 'cursor'],
    [
      `cursor=${Buffer.from('["2026-01-01T00:00:00.000000Z","1e5"]').toString('base64url')}`,
      'cursor',
    ],
    ['recordId=not-a-uuid', 'recordId'],
    ['actorId=1', 'actorId'],
    ['action=DROP%20TABLE', 'action'],
    ['order=sideways', 'order'],
    ['surprise=1', 'surprise'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const res = await get(auditor, `/audit-events?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('audits the auditor: each view of the trail is an audit.read row with its filters', async () => {
    const rid = `audit-read-${randomUUID()}`;
    await get(auditor, `/audit-events?recordId=${recordId}&limit=2`).set('X-Request-Id', rid);
    const rows: { action: string; actor_id: string; metadata: Record<string, unknown> }[] =
      await ds.query(`SELECT action, actor_id, metadata FROM audit_event WHERE request_id = $1`, [
        rid,
      ]);
    expect(rows).toEqual([
      {
        action: 'audit.read',
        actor_id: auditor.id,
        metadata: { view: 'events', filters: { recordId }, order: 'desc', returned: 2 },
      },
    ]);
  });

  describe('child access report', () => {
    it("lists who accessed the child's records, with names, roles, counts and each access", async () => {
      const res = await get(auditor, `/children/${childId}/access-report`);
      expect(res.status).toBe(200);
      expect(res.body.personId).toBe(childId);
      expect(res.body.accessors).toEqual([
        // The la_admin's refused attempt at this report (first test) is on it too (issue 12),
        // counted apart from real access (issue 32).
        expect.objectContaining({
          actorId: laAdmin.id,
          accessCount: 0,
          actions: [],
          deniedCount: 1,
          deniedActions: ['audit.read'],
        }),
        expect.objectContaining({
          actorId: manager.id,
          actorType: 'user',
          actorName: 'Morgan Manager',
          actorRoles: ['family_help_manager', 'family_help_practitioner'],
          accessCount: 3,
          deniedCount: 0,
          deniedActions: [],
          lastAt: '2026-02-03T09:00:00.000000Z',
          actions: ['case.read'],
        }),
        expect.objectContaining({
          actorId: practitioner.id,
          actorName: 'Pat Practitioner',
          accessCount: 7,
          firstAt: '2026-02-01T10:00:00.123456Z',
        }),
      ]);
      expect(res.body.data).toHaveLength(11);
      expect(res.body.data[0]).toMatchObject({
        actorId: laAdmin.id,
        action: 'audit.read',
        outcome: 'denied',
        recordType: 'person',
        recordId: childId,
      });
      expect(res.body.data[1]).toMatchObject({
        actorName: 'Morgan Manager',
        action: 'case.read',
        recordType: 'case',
        recordId,
      });
      const paged = await get(auditor, `/children/${childId}/access-report?limit=4`);
      expect(paged.body.data).toHaveLength(4);
      expect(paged.body.nextCursor).toEqual(expect.any(String));
      const windowed = await get(
        auditor,
        `/children/${childId}/access-report?from=2026-02-02T00:00:00Z`,
      );
      expect(windowed.body.accessors.map((a: { actorId: string }) => a.actorId)).toEqual([
        laAdmin.id,
        manager.id,
      ]);
    });

    it("shows reads made through the API: opening a family puts the reader in its children's reports", async () => {
      const created = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(practitioner.token))
        .send({
          name: 'Report family',
          members: [
            { kind: 'child', firstName: 'Ren', lastName: 'Report', dateOfBirth: '2018-02-02' },
          ],
        });
      expect(created.status).toBe(201);
      const child: string = created.body.members[0].id;
      expect((await get(manager, `/families/${created.body.id}`)).status).toBe(200);
      const report = await get(auditor, `/children/${child}/access-report`);
      expect(report.status).toBe(200);
      const byActor = Object.fromEntries(
        report.body.accessors.map((a: { actorId: string; actions: string[] }) => [
          a.actorId,
          a.actions,
        ]),
      );
      expect(byActor[manager.id]).toContain('family.read');
      expect(Object.keys(byActor)).toContain(practitioner.id);
      expect((await get(otherAuditor, `/children/${child}/access-report`)).status).toBe(404);
    });

    it('is 404 for a child of another LA and for an unknown id; 400 for a non-uuid', async () => {
      expect((await get(otherAuditor, `/children/${childId}/access-report`)).status).toBe(404);
      expect((await get(auditor, `/children/${randomUUID()}/access-report`)).status).toBe(404);
      expect((await get(auditor, `/children/12345/access-report`)).status).toBe(400);
    });

    it('audits the report itself (audit.read on the person) without adding to the report', async () => {
      const rid = `report-${randomUUID()}`;
      await get(auditor, `/children/${childId}/access-report`).set('X-Request-Id', rid);
      const rows: { action: string; record_id: string; child_ids: string[] }[] = await ds.query(
        `SELECT action, record_id, child_ids FROM audit_event WHERE request_id = $1`,
        [rid],
      );
      expect(rows).toEqual([{ action: 'audit.read', record_id: childId, child_ids: [] }]);
      const again = await get(auditor, `/children/${childId}/access-report`);
      expect(again.body.data).toHaveLength(11); // 10 reads and the la_admin's refused attempt
    });
  });

  describe('CSV export', () => {
    it('streams a header row and RFC 4180 rows, neutralising formula cells, and is audited', async () => {
      const evil = await newUser(t, la.id, ['family_help_practitioner'], {
        name: '=HYPERLINK("http://evil.example","click"), "quoted"',
      });
      const rid = `export-${randomUUID()}`;
      const res = await get(auditor, `/audit-events/export.csv?actorId=${evil.id}`)
        .set('X-Request-Id', rid)
        .buffer(true)
        .parse((r, cb) => {
          let s = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (s += c));
          r.on('end', () => cb(null, s));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-events.csv"/);
      expect(res.headers['cache-control']).toBe('no-store');
      const rows = parseCsv(res.body as string);
      expect(rows[0]).toEqual([
        'id',
        'at',
        'actorType',
        'actorId',
        'actorName',
        'action',
        'recordType',
        'recordId',
        'childIds',
        'outcome',
        'requestId',
        'ip',
        'reason',
        'changes',
        'metadata',
      ]);
      expect(rows).toHaveLength(2); // the header and the evil user's login
      const login = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
      expect(login).toMatchObject({ actorId: evil.id, action: 'auth.login', outcome: 'success' });
      expect(login.actorName).toBe(`'=HYPERLINK("http://evil.example","click"), "quoted"`);
      const exported: { action: string; metadata: { filters: unknown } }[] = await ds.query(
        `SELECT action, metadata FROM audit_event WHERE request_id = $1`,
        [rid],
      );
      expect(exported).toEqual([
        expect.objectContaining({
          action: 'audit.export',
          metadata: expect.objectContaining({ format: 'csv', filters: { actorId: evil.id } }),
        }),
      ]);
    });

    it('exports changes as JSON cells and stays in the LA; invalid filters are a 400 problem', async () => {
      const res = await get(auditor, `/audit-events/export.csv?action=user.create`).buffer(true);
      expect(res.status).toBe(200);
      const rows = parseCsv(res.text);
      expect(rows.length).toBeGreaterThan(1);
      const changes = JSON.parse(rows[1][13]);
      expect(changes.email).toEqual({ before: null, after: expect.stringContaining('@') });
      const foreign = await get(otherAuditor, `/audit-events/export.csv?recordId=${recordId}`);
      expect(parseCsv(foreign.text)).toHaveLength(1);
      const bad = await get(
        auditor,
        `/audit-events/export.csv?from=2026-03-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      );
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await get(auditor, `/audit-events/export.csv?limit=5`)).status).toBe(400);
    });
  });
});
