import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, newWorld, World } from './utils/factories';
import { auditRows, newFamily, sql } from './utils/case.factories';

const VALID_NHS = '943 476 5919';
const VALID_NHS_2 = '4010232137';
/** Letters only, so every test's names are its own. */
const tag = () =>
  randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6)
    .padEnd(6, 'x');

describe('families', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  describe('POST /families', () => {
    it('creates a family with members, relationships to each child, normalised NHS number', async () => {
      const last = `Khan${tag()}`;
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({
          name: `${last} family`,
          members: [
            {
              kind: 'child',
              firstName: 'Amira',
              lastName: last,
              dateOfBirth: '2019-03-14',
              sex: 'F',
              gender: 'girl',
              ethnicity: 'APKN',
              disabilities: ['NONE'],
              upnUnknownReason: 'UN1',
              laPersonId: 'NSH0000123456789ABCD',
              language: 'Urdu',
              nhsNumber: VALID_NHS,
            },
            {
              kind: 'child',
              firstName: 'Bilal',
              lastName: last,
              dateOfBirth: '2021-07-01',
              relationship: 'sibling',
            },
            {
              kind: 'adult',
              firstName: 'Sara',
              lastName: last,
              relationship: 'mother',
              laPersonId: 'LA1',
            },
          ],
        });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      const [amira, bilal, sara] = res.body.members;
      expect(amira).toMatchObject({
        kind: 'child',
        firstName: 'Amira',
        dateOfBirth: '2019-03-14',
        nhsNumber: '9434765919',
        language: 'Urdu',
        sex: 'F',
        gender: 'girl',
        ethnicity: 'APKN',
        disabilities: ['NONE'],
        upn: null,
        upnUnknownReason: 'UN1',
        laPersonId: 'NSH0000123456789ABCD', // 20 characters, kept whole
        expectedDateOfBirth: null,
      });
      expect(sara.relationships).toEqual(
        expect.arrayContaining([
          { childId: amira.id, relationship: 'mother' },
          { childId: bilal.id, relationship: 'mother' },
        ]),
      );
      expect(sara.relationships).toHaveLength(2);
      expect(bilal.relationships).toEqual([{ childId: amira.id, relationship: 'sibling' }]);
      expect(amira.relationships).toEqual([]);

      const audit = await auditRows(t, { recordId: res.body.id, action: 'family.create' });
      expect(audit).toHaveLength(1);
      expect([...audit[0].child_ids].sort()).toEqual([amira.id, bilal.id].sort());
    });

    it('accepts explicit per-child relationships by index', async () => {
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({
          members: [
            { kind: 'child', firstName: 'A', lastName: 'Z' },
            { kind: 'child', firstName: 'B', lastName: 'Z' },
            {
              kind: 'adult',
              firstName: 'C',
              lastName: 'Z',
              relationship: 'mother',
              relationships: [{ childIndex: 1, relationship: 'step-mother' }],
            },
          ],
        });
      expect(res.status).toBe(201);
      const [a, b, c] = res.body.members;
      expect(c.relationships).toEqual(
        expect.arrayContaining([
          { childId: a.id, relationship: 'mother' },
          { childId: b.id, relationship: 'step-mother' },
        ]),
      );
    });

    it('400 for an invalid NHS number, naming the field; nothing written', async () => {
      const last = `Bad${tag()}`;
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({
          members: [
            { kind: 'child', firstName: 'A', lastName: last },
            { kind: 'child', firstName: 'B', lastName: last, nhsNumber: '9434765918' },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(
        'members.1.nhsNumber',
      );
      expect(await sql(t, `SELECT 1 FROM person WHERE last_name = $1`, [last])).toHaveLength(0);
    });

    it('400 for wrong-length NHS number, unknown fields, missing members, bad kind, future birth date', async () => {
      const cases: [unknown, string][] = [
        [
          { members: [{ kind: 'child', firstName: 'A', lastName: 'B', nhsNumber: '12345' }] },
          'members.0.nhsNumber',
        ],
        [
          { members: [{ kind: 'child', firstName: 'A', lastName: 'B', shoeSize: 4 }] },
          'members.0.shoeSize',
        ],
        [{ name: 'x' }, 'members'],
        [{ members: [] }, 'members'],
        [{ members: [{ kind: 'pet', firstName: 'A', lastName: 'B' }] }, 'members.0.kind'],
        [{ members: [{ kind: 'child', firstName: ' ', lastName: 'B' }] }, 'members.0.firstName'],
        [
          {
            members: [{ kind: 'child', firstName: 'A', lastName: 'B', dateOfBirth: '2999-01-01' }],
          },
          'members.0.dateOfBirth',
        ],
        [
          {
            members: [{ kind: 'child', firstName: 'A', lastName: 'B', dateOfBirth: '2020-02-30' }],
          },
          'members.0.dateOfBirth',
        ],
        [
          {
            members: [
              {
                kind: 'adult',
                firstName: 'A',
                lastName: 'B',
                relationships: [{ childIndex: 0, relationship: 'x' }],
              },
            ],
          },
          'members.0.relationships.0.childIndex',
        ],
        [
          {
            members: [
              { kind: 'child', firstName: 'A', lastName: 'B', nhsNumber: VALID_NHS_2 },
              { kind: 'child', firstName: 'C', lastName: 'B', nhsNumber: VALID_NHS_2 },
            ],
          },
          'members.1.nhsNumber',
        ],
      ];
      for (const [body, field] of cases) {
        const res = await t
          .req()
          .post(`${API}/families`)
          .set(bearer(w.practitioner.token))
          .send(body as object);
        expect({
          status: res.status,
          fields: res.body.errors?.map((e: { field: string }) => e.field),
        }).toEqual({
          status: 400,
          fields: expect.arrayContaining([field]),
        });
      }
    });

    it('409 when the NHS number is already recorded in the LA; another LA may hold it', async () => {
      const nhs = '4505577104';
      const first = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({ members: [{ kind: 'child', firstName: 'A', lastName: 'N', nhsNumber: nhs }] });
      expect(first.status).toBe(201);
      const again = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.manager.token))
        .send({
          members: [{ kind: 'child', firstName: 'B', lastName: 'N', nhsNumber: '450 557 7104' }],
        });
      expect(again.status).toBe(409);
      expect(again.body.errors?.[0]?.field).toBe('members.0.nhsNumber');
      const la2 = await newLa(t);
      const p2 = await newUser(t, la2.id, ['family_help_practitioner']);
      const other = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(p2.token))
        .send({ members: [{ kind: 'child', firstName: 'C', lastName: 'N', nhsNumber: nhs }] });
      expect(other.status).toBe(201);
    });

    it('403 for roles without family.create (la_admin, auditor, ecpp), nothing written', async () => {
      const last = `Deny${tag()}`;
      for (const u of [w.laAdmin, w.auditor, w.ecpp, w.trainer]) {
        const res = await t
          .req()
          .post(`${API}/families`)
          .set(bearer(u.token))
          .send({ members: [{ kind: 'child', firstName: 'A', lastName: last }] });
        expect(res.status).toBe(403);
      }
      expect(await sql(t, `SELECT 1 FROM person WHERE last_name = $1`, [last])).toHaveLength(0);
    });

    it('401 without a token', async () => {
      const res = await t.req().post(`${API}/families`).send({ members: [] });
      expect(res.status).toBe(401);
    });
  });

  describe('census data at entry (POST /families)', () => {
    const child = (over: object) => ({
      kind: 'child',
      firstName: 'Zed',
      lastName: `Census${tag()}`,
      ...over,
    });
    it.each([
      ['sex outside M/F/U', { sex: 'female' }, 'members.0.sex'],
      [
        'an ethnicity that is not one of the 20 codes',
        { ethnicity: 'White British' },
        'members.0.ethnicity',
      ],
      ['a lower-case ethnicity code', { ethnicity: 'wbri' }, 'members.0.ethnicity'],
      ['NONE with another disability', { disabilities: ['NONE', 'AUT'] }, 'members.0.disabilities'],
      ['an unknown disability code', { disabilities: ['XYZ'] }, 'members.0.disabilities'],
      ['a repeated disability', { disabilities: ['AUT', 'AUT'] }, 'members.0.disabilities'],
      ['a UPN with the wrong check letter', { upn: 'A820200101001' }, 'members.0.upn'],
      ['a UPN of 12 characters', { upn: 'T82020010100' }, 'members.0.upn'],
      ['UN11', { upnUnknownReason: 'UN11' }, 'members.0.upnUnknownReason'],
      [
        'a UPN and a reason for none',
        { upn: 'U820200101001', upnUnknownReason: 'UN1' },
        'members.0.upnUnknownReason',
      ],
      ['an LA id of 21 characters', { laPersonId: 'A'.repeat(21) }, 'members.0.laPersonId'],
      ['an LA id with punctuation', { laPersonId: 'LA-123' }, 'members.0.laPersonId'],
      [
        'an expected birth with a date of birth',
        { dateOfBirth: '2020-01-01', expectedDateOfBirth: '2027-02-01' },
        'members.0.expectedDateOfBirth',
      ],
    ])('practitioner: 400 naming the field for %s; nothing written', async (_why, over, field) => {
      const member = child(over);
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({ members: [member] });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(
        await sql(t, `SELECT 1 FROM person WHERE last_name = $1`, [member.lastName]),
      ).toHaveLength(0);
    });

    it('practitioner: an unborn child with an expected date of birth and a valid UPN elsewhere', async () => {
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({
          members: [
            child({ expectedDateOfBirth: '2027-02-01', sex: 'U', upnUnknownReason: 'UN6' }),
            child({
              dateOfBirth: '2015-05-05',
              sex: 'M',
              upn: 'U820200101001',
              disabilities: ['AUT', 'COMM'],
            }),
          ],
        });
      expect(res.status).toBe(201);
      expect(res.body.members[0]).toMatchObject({
        expectedDateOfBirth: '2027-02-01',
        dateOfBirth: null,
        sex: 'U',
        upnUnknownReason: 'UN6',
      });
      expect(res.body.members[1]).toMatchObject({
        upn: 'U820200101001',
        disabilities: ['AUT', 'COMM'],
      });
    });
  });

  describe('GET /families/:id', () => {
    it('returns members and network, with ETag; the read is audited with the children', async () => {
      const f = await newFamily(t, w.practitioner, { children: 2 });
      const res = await t.req().get(`${API}/families/${f.id}`).set(bearer(w.ecpp.token));
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.members).toHaveLength(3);
      expect(res.body.network).toEqual([]);
      const audit = await auditRows(t, { recordId: f.id, action: 'family.read' });
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toBe(w.ecpp.id);
      expect([...audit[0].child_ids].sort()).toEqual([...f.childIds].sort());
    });

    it('404 for another LA (no existence leak), 403 for la_admin/auditor, 400 for a bad id', async () => {
      const f = await newFamily(t, w.practitioner);
      const la2 = await newLa(t);
      const p2 = await newUser(t, la2.id, ['family_help_practitioner']);
      const other = await t.req().get(`${API}/families/${f.id}`).set(bearer(p2.token));
      expect(other.status).toBe(404);
      const missing = await t.req().get(`${API}/families/${randomUUID()}`).set(bearer(p2.token));
      expect(missing.status).toBe(404);
      expect(other.body.detail).toBe(missing.body.detail);
      expect(
        (await t.req().get(`${API}/families/${f.id}`).set(bearer(w.laAdmin.token))).status,
      ).toBe(403);
      expect(
        (await t.req().get(`${API}/families/${f.id}`).set(bearer(w.auditor.token))).status,
      ).toBe(403);
      const bad = await t.req().get(`${API}/families/not-a-uuid`).set(bearer(w.practitioner.token));
      expect(bad.status).toBe(400);
    });
  });

  describe('GET /families (search)', () => {
    it('finds by partial name, case- and accent-insensitively, and by date of birth; LA-scoped', async () => {
      const uniq = tag();
      const res = await t
        .req()
        .post(`${API}/families`)
        .set(bearer(w.practitioner.token))
        .send({
          members: [
            {
              kind: 'child',
              firstName: 'Zoë',
              lastName: `Ångström${uniq}`,
              dateOfBirth: '2017-11-23',
            },
          ],
        });
      expect(res.status).toBe(201);
      const id = res.body.id;
      const search = async (q: Record<string, string>, token = w.practitioner.token) => {
        const r = await t.req().get(`${API}/families`).query(q).set(bearer(token));
        expect(r.status).toBe(200);
        return (r.body.data as { id: string }[]).map((f) => f.id);
      };
      expect(await search({ search: `zoe angstrom${uniq}` })).toEqual([id]);
      expect(await search({ search: `ANGSTRÖM${uniq.toUpperCase()}` })).toEqual([id]);
      expect(await search({ search: `gström${uniq.slice(0, 3)}` })).toContain(id);
      expect(await search({ search: `zoe nobody${uniq}` })).toEqual([]);
      expect(await search({ search: `angstrom${uniq}`, dateOfBirth: '2017-11-23' })).toEqual([id]);
      expect(await search({ search: `angstrom${uniq}`, dateOfBirth: '2017-11-24' })).toEqual([]);
      expect(await search({ dateOfBirth: '2017-11-23' })).toContain(id);
      expect(await search({ search: '23/11/2017' })).toContain(id);
      const la2 = await newLa(t);
      const p2 = await newUser(t, la2.id, ['family_help_practitioner']);
      expect(await search({ search: `angstrom${uniq}` }, p2.token)).toEqual([]);
    });

    it('does not treat LIKE wildcards in the search as wildcards', async () => {
      const r = await t
        .req()
        .get(`${API}/families`)
        .query({ search: '%%' })
        .set(bearer(w.practitioner.token));
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual([]);
    });

    it('paginates with a cursor: every family once, stable order; limit 201 → 400', async () => {
      const uniq = tag();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await newFamily(t, w.practitioner, { lastName: `Page${uniq}` })).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const r = await t
          .req()
          .get(`${API}/families`)
          .query({ search: `page${uniq}`, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(w.practitioner.token));
        expect(r.status).toBe(200);
        expect(r.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...r.body.data.map((f: { id: string }) => f.id));
        cursor = r.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());
      const tooBig = await t
        .req()
        .get(`${API}/families`)
        .query({ limit: 201 })
        .set(bearer(w.practitioner.token));
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.errors[0].field).toBe('limit');
      const badCursor = await t
        .req()
        .get(`${API}/families`)
        .query({ cursor: 'garbage' })
        .set(bearer(w.practitioner.token));
      expect(badCursor.status).toBe(400);
    });

    it('403 for la_admin', async () => {
      expect((await t.req().get(`${API}/families`).set(bearer(w.laAdmin.token))).status).toBe(403);
    });
  });

  describe('POST /families/:id/members and /network', () => {
    it('adds a member with relationships to existing children and bumps the version', async () => {
      const f = await newFamily(t, w.practitioner, { children: 2 });
      const res = await t
        .req()
        .post(`${API}/families/${f.id}/members`)
        .set(bearer(w.practitioner.token))
        .send({
          kind: 'adult',
          firstName: 'Imran',
          lastName: 'K',
          relationship: 'father',
          relationships: [{ childId: f.childIds[1], relationship: 'step-father' }],
        });
      expect(res.status).toBe(201);
      expect(res.body.relationships).toEqual(
        expect.arrayContaining([
          { childId: f.childIds[0], relationship: 'father' },
          { childId: f.childIds[1], relationship: 'step-father' },
        ]),
      );
      const got = await t.req().get(`${API}/families/${f.id}`).set(bearer(w.practitioner.token));
      expect(got.body.members).toHaveLength(4);
      expect(got.headers.etag).toBe('"2"');
    });

    it('400 when a relationship names someone who is not a child of this family', async () => {
      const f = await newFamily(t, w.practitioner);
      const res = await t
        .req()
        .post(`${API}/families/${f.id}/members`)
        .set(bearer(w.practitioner.token))
        .send({
          kind: 'adult',
          firstName: 'X',
          lastName: 'Y',
          relationships: [{ childId: f.adultIds[0], relationship: 'aunt' }],
        });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('relationships.0.childId');
    });

    it('adds a network member with contact details; listed on the family', async () => {
      const f = await newFamily(t, w.practitioner);
      const res = await t
        .req()
        .post(`${API}/families/${f.id}/network`)
        .set(bearer(w.manager.token))
        .send({
          firstName: 'Farida',
          lastName: 'Khan',
          relationship: 'maternal grandmother',
          contact: { phone: '07700 900123' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        firstName: 'Farida',
        relationship: 'maternal grandmother',
        contact: { phone: '07700 900123' },
      });
      const got = await t.req().get(`${API}/families/${f.id}`).set(bearer(w.practitioner.token));
      expect(got.body.network).toEqual([
        expect.objectContaining({ id: res.body.id, personId: res.body.personId }),
      ]);
      expect(got.body.members.map((m: { id: string }) => m.id)).not.toContain(res.body.personId);
    });

    it('400 without relationship; 403 for ecpp (no family.update); 404 for another LA', async () => {
      const f = await newFamily(t, w.practitioner);
      const noRel = await t
        .req()
        .post(`${API}/families/${f.id}/network`)
        .set(bearer(w.practitioner.token))
        .send({ firstName: 'A', lastName: 'B' });
      expect(noRel.status).toBe(400);
      expect(noRel.body.errors.map((e: { field: string }) => e.field)).toContain('relationship');
      const ecpp = await t
        .req()
        .post(`${API}/families/${f.id}/members`)
        .set(bearer(w.ecpp.token))
        .send({ kind: 'adult', firstName: 'A', lastName: 'B' });
      expect(ecpp.status).toBe(403);
      const la2 = await newLa(t);
      const p2 = await newUser(t, la2.id, ['family_help_practitioner']);
      const other = await t
        .req()
        .post(`${API}/families/${f.id}/network`)
        .set(bearer(p2.token))
        .send({ firstName: 'A', lastName: 'B', relationship: 'aunt' });
      expect(other.status).toBe(404);
      expect(
        await sql(t, `SELECT 1 FROM family_network_member WHERE family_id = $1`, [f.id]),
      ).toHaveLength(0);
    });
  });

  describe('PATCH /families/:id', () => {
    it('requires If-Match (428), refuses a stale one (412), renames with audit before/after', async () => {
      const f = await newFamily(t, w.practitioner);
      const missing = await t
        .req()
        .patch(`${API}/families/${f.id}`)
        .set(bearer(w.practitioner.token))
        .send({ name: 'New' });
      expect(missing.status).toBe(428);
      const stale = await t
        .req()
        .patch(`${API}/families/${f.id}`)
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"7"')
        .send({ name: 'New' });
      expect(stale.status).toBe(412);
      const ok = await t
        .req()
        .patch(`${API}/families/${f.id}`)
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"1"')
        .send({ name: 'Renamed family' });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.body.name).toBe('Renamed family');
      const again = await t
        .req()
        .patch(`${API}/families/${f.id}`)
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"1"')
        .send({ name: 'Lost update' });
      expect(again.status).toBe(412);
      const audit = await auditRows(t, { recordId: f.id, action: 'family.update' });
      expect(audit).toHaveLength(1);
      expect(audit[0].changes).toEqual({
        name: { before: expect.stringContaining('family'), after: 'Renamed family' },
      });
    });
  });
});
