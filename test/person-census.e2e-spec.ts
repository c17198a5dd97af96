/**
 * A person's census details (docs/integrators.md "The census, field by field"): sex, gender,
 * ethnicity, disabilities, UPN or why none, dates of birth and the LA's id, changed on an
 * existing person by PATCH /persons/:id with If-Match, checked against the DfE lists (400 naming
 * the field, nothing written) and audited field by field.
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { auditRows, newFamily, sql } from './utils/case.factories';

describe('PATCH /persons/:id: census details of an existing person', () => {
  let t: TestApp;
  let w: World;
  let partner: TestUser;

  const patch = (who: TestUser, id: string, ifMatch: string | null, body: object) => {
    const r = t.req().patch(`${API}/persons/${id}`).set(bearer(who.token));
    if (ifMatch) r.set('If-Match', ifMatch);
    return r.send(body);
  };
  const stored = async (id: string) =>
    (
      await sql(
        t,
        `SELECT sex, gender, ethnicity, disabilities::text[] AS disabilities, upn,
                upn_unknown_reason, date_of_birth::text AS dob,
                expected_date_of_birth::text AS edob, la_person_id, version
           FROM person WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    partner = await newUser(t, w.la.id, ['partner'], { agency: 'health' });
  });
  afterAll(() => t.close());

  it('family_help_practitioner: sets sex, ethnicity, disabilities, UPN, LA id (If-Match; audited per field)', async () => {
    const fam = await newFamily(t, w.practitioner);
    const id = fam.childIds[0];
    expect((await patch(w.practitioner, id, null, { sex: 'F' })).status).toBe(428);
    expect((await patch(w.practitioner, id, '"9"', { sex: 'F' })).status).toBe(412);
    const res = await patch(w.practitioner, id, '"1"', {
      sex: 'F',
      gender: 'girl',
      ethnicity: 'WBRI',
      disabilities: ['AUT', 'COMM'],
      upnUnknownReason: 'UN2',
      laPersonId: 'LA000123',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      sex: 'F',
      gender: 'girl',
      ethnicity: 'WBRI',
      disabilities: ['AUT', 'COMM'],
      upn: null,
      upnUnknownReason: 'UN2',
      laPersonId: 'LA000123',
      dateOfBirth: '2018-05-01',
      version: 2,
    });
    // A UPN found later replaces the reason for having none; null clears a field.
    const upn = await patch(w.practitioner, id, '"2"', { upn: 'U820200101001', gender: null });
    expect(upn.status).toBe(200);
    expect(upn.body).toMatchObject({ upn: 'U820200101001', upnUnknownReason: null, gender: null });
    expect(await stored(id)).toMatchObject({
      upn: 'U820200101001',
      upn_unknown_reason: null,
      gender: null,
      version: 3,
    });
    const rows = await auditRows(t, { recordId: id, action: 'person.census' });
    expect(rows.map((r) => r.changes)).toEqual(
      expect.arrayContaining([
        {
          upn: { before: null, after: 'U820200101001' },
          upnUnknownReason: { before: 'UN2', after: null },
          gender: { before: 'girl', after: null },
        },
      ]),
    );
    // GET shows the same, with the ETag.
    const read = await t.req().get(`${API}/persons/${id}`).set(bearer(w.practitioner.token));
    expect([read.status, read.headers.etag, read.body.ethnicity]).toEqual([200, '"3"', 'WBRI']);
  });

  it('family_help_practitioner: an unborn child born: dateOfBirth clears expectedDateOfBirth', async () => {
    const fam = await newFamily(t, w.practitioner);
    const id = fam.childIds[0];
    const unborn = await patch(w.practitioner, id, '"1"', {
      dateOfBirth: null,
      expectedDateOfBirth: '2027-06-14',
    });
    expect(unborn.body).toMatchObject({ dateOfBirth: null, expectedDateOfBirth: '2027-06-14' });
    const born = await patch(w.practitioner, id, '"2"', { dateOfBirth: '2026-11-20' });
    expect(born.body).toMatchObject({ dateOfBirth: '2026-11-20', expectedDateOfBirth: null });
  });

  it.each([
    ['sex', { sex: 'Female' }],
    ['ethnicity', { ethnicity: 'White British' }],
    ['disabilities', { disabilities: ['NONE', 'AUT'] }],
    ['disabilities', { disabilities: ['AUT', 'AUT'] }],
    ['disabilities', { disabilities: ['XYZ'] }],
    ['disabilities', { disabilities: [] }],
    ['upn', { upn: 'A820200101001' }],
    ['upnUnknownReason', { upnUnknownReason: 'UN11' }],
    ['upnUnknownReason', { upn: 'U820200101001', upnUnknownReason: 'UN1' }],
    ['dateOfBirth', { dateOfBirth: '2099-05-01' }],
    ['expectedDateOfBirth', { expectedDateOfBirth: '2027-02-30' }],
    ['expectedDateOfBirth', { expectedDateOfBirth: '2027-06-14' }],
    ['laPersonId', { laPersonId: 'LA-000123' }],
    ['laPersonId', { laPersonId: 'A'.repeat(21) }],
    ['firstName', { firstName: 'Renamed' }],
  ])('family_help_practitioner: 400 naming %s, nothing written (%j)', async (field, body) => {
    const fam = await newFamily(t, w.practitioner);
    const id = fam.childIds[0];
    const before = await stored(id);
    const res = await patch(w.practitioner, id, '"1"', body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e: { field: string }) => e.field)).toContain(field);
    expect(await stored(id)).toEqual(before);
  });

  it('a UPN reason given beside a stored UPN: 400 naming upnUnknownReason', async () => {
    const fam = await newFamily(t, w.practitioner);
    const id = fam.childIds[0];
    expect((await patch(w.practitioner, id, '"1"', { upn: 'U820200101001' })).status).toBe(200);
    const res = await patch(w.practitioner, id, '"2"', { upnUnknownReason: 'UN1' });
    expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'upnUnknownReason']);
  });

  it.each([
    ['la_admin', 403, () => w.laAdmin],
    ['auditor', 403, () => w.auditor],
    // A partner not shared on the family is not told it exists.
    ['partner', 404, () => partner],
  ])('%s may not change census details → %i, nothing written', async (_who, status, user) => {
    const fam = await newFamily(t, w.practitioner);
    const id = fam.childIds[0];
    const res = await patch(user(), id, '"1"', { sex: 'M' });
    expect(res.status).toBe(status);
    expect((await stored(id)).sex).toBeNull();
  });

  it('a practitioner of another LA gets 404, nothing written', async () => {
    const fam = await newFamily(t, w.practitioner);
    const other = await newWorld(t);
    const res = await patch(other.practitioner, fam.childIds[0], '"1"', { sex: 'M' });
    expect(res.status).toBe(404);
    expect((await stored(fam.childIds[0])).sex).toBeNull();
  });
});
