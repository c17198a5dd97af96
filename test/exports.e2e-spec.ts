import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ANNEX_A_COLUMNS } from 'src/exports/annex-a';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { assignEcpp, closeDb, db, decide, raiseConcern, startPlanAt } from './utils/cp.factories';
import { API, bearer, newLa, newUser, newWorld, World } from './utils/factories';

/** The returns below are of the 2026-27 collection (year 2027): its schema. */
const XSD = readFileSync(
  join(__dirname, '..', 'src', 'exports', 'schema', 'cin-census-2026-27.xsd'),
  'utf8',
);

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: 'census.xml', contents: xml }],
    schema: [{ fileName: 'cin-census.xsd', contents: XSD }],
  });
}

/** Parses a CSV body into rows (RFC 4180 quoting). */
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
  return rows;
}

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('statutory exports: CIN census XML and Ofsted Annex A lists', () => {
  let t: TestApp;
  let w: World;
  let childId: string;
  let exporterToken: string;
  let reopenedChild: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    // A case taken from referral to a child protection plan, with a review and a visit.
    const opened = await newCase(t, w, { referralDate: '2026-09-01' });
    const kase = {
      caseId: opened.id,
      familyId: opened.familyId,
      childIds: opened.childIds,
      referralDate: '2026-09-01',
    };
    childId = kase.childIds[0];
    // A Family Help plan first (the CIN plan), ended by the step-up to a CP plan.
    const plan = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/family-help-plan`)
      .set(bearer(w.practitioner.token))
      .send({ startedOn: '2026-10-01' });
    expect(plan.status).toBe(201);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-11-02',
      strategyDiscussionDate: '2026-11-02',
    });
    await decide(t, kase, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2026-11-09',
    });
    await startPlanAt(t, w, kase, '2026-11-20', 'EMO');
    const visit = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/visits`)
      .set(bearer(w.ecpp.token))
      .send({ childId, date: '2026-11-25', seenAlone: true });
    expect(visit.status).toBe(201);
    // A hostile identifier: it must come out as text, never a formula.
    const c = await db(t);
    await c.query(
      `UPDATE person SET la_person_id = $1, sex = 'F', ethnicity = 'WBRI' WHERE id = $2`,
      ['=HYPERLINK("x")', childId],
    );
    // A second, closed Family Help case.
    const closed = await newCase(t, w, { referralDate: '2026-06-01' });
    const close = await t
      .req()
      .post(`${API}/cases/${closed.id}/close`)
      .set(bearer(w.manager.token))
      .send({ reason: 'RC8', closedOn: '2026-07-15' });
    expect(close.status).toBe(200);
    // Reopened by a new referral: the first episode (closed) stays its own CINdetails.
    const reopen = await t
      .req()
      .post(`${API}/cases/${closed.id}/reopen`)
      .set(bearer(w.manager.token))
      .send({ reason: 'New referral from school', referral: { date: '2026-10-05', source: '1A' } });
    expect(reopen.status).toBe(200);
    reopenedChild = closed.childIds[0];

    const client = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(w.laAdmin.token))
      .send({ name: 'Census', scopes: ['export:read'] });
    exporterToken = (
      await t.req().post(`${API}/auth/token`).send({
        grant_type: 'client_credentials',
        client_id: client.body.clientId,
        client_secret: client.body.clientSecret,
      })
    ).body.access_token;
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('la_admin: 409 dfe_number_missing until the DfE number is set; then a census valid against the DfE schema', async () => {
    const before = await t
      .req()
      .get(`${API}/exports/cin-census?year=2027`)
      .set(bearer(exporterToken));
    expect([before.status, before.body.code]).toEqual([409, 'dfe_number_missing']);
    const path = `${API}/local-authorities/${w.la.id}/settings`;
    for (const bad of ['93', '9310', 'E09', 931]) {
      const res = await t
        .req()
        .patch(path)
        .set(bearer(w.laAdmin.token))
        .set('If-Match', '"1"')
        .send({ dfeNumber: bad });
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'dfeNumber']);
    }
    const set = await t
      .req()
      .patch(path)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', '"1"')
      .send({ dfeNumber: '931' });
    expect([set.status, set.body.dfeNumber]).toEqual([200, '931']);

    const res = await t.req().get(`${API}/exports/cin-census?year=2027`).set(bearer(exporterToken));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const xml = res.text;
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<LEA>931</LEA>');
    expect(xml).toMatch(/<SerialNo>\d{3}<\/SerialNo>/);
    expect(xml).toContain('<S47ActualStartDate>2026-11-02</S47ActualStartDate>');
    expect(xml).toContain('<InitialCPCtarget>2026-11-23</InitialCPCtarget>'); // 15 working days
    expect(xml).toContain('<CPPstartDate>2026-11-20</CPPstartDate>');
    expect(xml).toMatch(
      /<CINPlanDates>\s*<CINPlanStartDate>2026-10-01<\/CINPlanStartDate>\s*<CINPlanEndDate>2026-11-20<\/CINPlanEndDate>\s*<\/CINPlanDates>/,
    );
    expect(xml).toContain('<InitialCategoryOfAbuse>EMO</InitialCategoryOfAbuse>');
    expect(xml).toContain('<NumberOfPreviousCPP>0</NumberOfPreviousCPP>');
    expect(xml).toContain('<Sex>F</Sex>');
    expect(xml).not.toContain('GenderCurrent');
    expect(xml.match(/<Child>/g)).toHaveLength(2);
    // The reopened case: its first episode closed (RC8, nothing after the referral: NFA), then
    // the new referral's episode, open.
    const reopened = xml.slice(
      xml.indexOf(`<LAchildID>T${reopenedChild.replace(/-/g, '').slice(0, 19).toUpperCase()}`),
    );
    const child = reopened.slice(0, reopened.indexOf('</Child>'));
    expect(child.match(/<CINdetails>/g)).toHaveLength(2);
    expect(child).toMatch(
      /<CINreferralDate>2026-06-01<\/CINreferralDate>\s*<ReferralSource>2A<\/ReferralSource>\s*<CINclosureDate>2026-07-15<\/CINclosureDate>\s*<ReasonForClosure>RC8<\/ReasonForClosure>\s*<ReferralNFA>true<\/ReferralNFA>/,
    );
    expect(child).toMatch(
      /<CINreferralDate>2026-10-05<\/CINreferralDate>\s*<ReferralSource>1A<\/ReferralSource>\s*<PrimaryNeedCode>N0<\/PrimaryNeedCode>\s*<ReferralNFA>false<\/ReferralNFA>/,
    );
    // The next return of the year has the next serial number.
    const again = await t
      .req()
      .get(`${API}/exports/cin-census?year=2027`)
      .set(bearer(exporterToken));
    const serial = (x: string) => Number(/<SerialNo>(\d+)<\/SerialNo>/.exec(x)?.[1]);
    expect(serial(again.text)).toBe(serial(xml) + 1);
    // The validator does reject a wrong document.
    const broken = await validate(xml.replace('<ReferralSource>2A', '<ReferralSource>ZZ'));
    expect(broken.valid).toBe(false);
    // A year before any of it: no child (the DfE schema needs at least one, so nothing to send).
    const empty = await t
      .req()
      .get(`${API}/exports/cin-census?year=2020`)
      .set(bearer(w.laAdmin.token));
    expect(empty.status).toBe(200);
    expect(empty.text).not.toContain('<Child>');
  });

  it('Annex A list 7 CSV opens with its headers and lists the child on a plan, formula-safe', async () => {
    const res = await t.req().get(`${API}/exports/annex-a?list=7`).set(bearer(w.laAdmin.token));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="annex-a-list-7-/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(ANNEX_A_COLUMNS['7']);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    expect(row).toMatchObject({
      'Child Unique ID': `'=HYPERLINK("x")`,
      Gender: 'b) Female',
      Ethnicity: 'a) WBRI',
      'Child Protection Plan Start Date': '20/11/2026',
      'Initial Category of Abuse': 'd) Emotional abuse',
      'Latest Category of Abuse': 'd) Emotional abuse',
      'Date of the Last Statutory Visit': '25/11/2026',
      'Was the Child Seen Alone?': 'a) Yes',
      'Child Protection Plan End Date': '',
      'Number of Previous Child Protection Plans': '0',
    });
  });

  it.each([
    ['3', 3, 'Date of referral', '05/10/2026'],
    ['3', 3, 'Referral Source', 'a) 1A: Individual'],
    ['3', 3, 'Referral NFA?', 'a) Yes'], // the first episode of the reopened case
    ['3', 3, 'Number of Referrals in Last 12 Months', '2'],
    ['5', 1, 'Strategy discussion initiating Section 47 Enquiry Start Date', '02/11/2026'],
    ['5', 1, 'Date of Initial Child Protection Conference', '20/11/2026'],
    ['6', 3, 'CIN Start Date', '01/06/2026'],
    ['6', 3, 'Reason for Closure', 'RC8 - Case closed after assessment, no further action'],
    ['6', 3, 'Case Status', 'b) Child Protection plan'],
    ['6', 3, 'Case Status', 'e) Closed episode'],
  ])(
    'Annex A list %s CSV: the header on row 1 and %i rows, %s has %j',
    async (list, n, column, value) => {
      const res = await t
        .req()
        .get(`${API}/exports/annex-a?list=${list}`)
        .set(bearer(w.laAdmin.token));
      expect(res.status).toBe(200);
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual(ANNEX_A_COLUMNS[list as '3' | '5' | '6']);
      expect(rows.slice(1)).toHaveLength(n);
      expect(rows.slice(1).map((r) => r[rows[0].indexOf(column)])).toContain(value);
    },
  );

  it('Annex A list 7 as XLSX: the header on row 1, formula-safe text, real date cells', async () => {
    const res = await t
      .req()
      .get(`${API}/exports/annex-a?list=7&format=xlsx`)
      .set(bearer(w.laAdmin.token))
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...ANNEX_A_COLUMNS['7']]);
    expect(sheet.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("x")`);
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    const start = sheet
      .getRow(2)
      .getCell(ANNEX_A_COLUMNS['7'].indexOf('Child Protection Plan Start Date') + 1);
    expect(start.type).toBe(ExcelJS.ValueType.Date);
    expect((start.value as Date).toISOString().slice(0, 10)).toBe('2026-11-20');
  });

  it.each([
    ['year=abc', 'cin-census', 'year'],
    ['year=1999', 'cin-census', 'year'],
    ['list=9', 'annex-a', 'list'],
    ['list=8', 'annex-a', 'list'],
    ['list=7&format=pdf', 'annex-a', 'format'],
  ])('400 for %s', async (query, path, field) => {
    const res = await t.req().get(`${API}/exports/${path}?${query}`).set(bearer(w.laAdmin.token));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });

  it.each(['practitioner', 'manager', 'ecpp', 'auditor'] as const)(
    '%s may not export (403)',
    async (role) => {
      for (const path of ['cin-census?year=2027', 'annex-a?list=7'])
        expect(
          (await t.req().get(`${API}/exports/${path}`).set(bearer(w[role].token))).status,
        ).toBe(403);
    },
  );

  it("another LA's export holds none of this LA's children", async () => {
    const other = await newLa(t);
    const admin = await newUser(t, other.id, ['la_admin']);
    const res = await t.req().get(`${API}/exports/annex-a?list=6`).set(bearer(admin.token));
    expect(parseCsv(res.text)).toHaveLength(1);
    await t
      .req()
      .patch(`${API}/local-authorities/${other.id}/settings`)
      .set(bearer(admin.token))
      .set('If-Match', '"1"')
      .send({ dfeNumber: '932' })
      .expect(200);
    const xml = await t.req().get(`${API}/exports/cin-census?year=2027`).set(bearer(admin.token));
    expect(xml.status).toBe(200);
    expect(xml.text).not.toContain('<Child>');
    expect(xml.text).not.toContain('HYPERLINK');
  });
});
