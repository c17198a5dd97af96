/**
 * Documents on a case: multipart upload, type from magic bytes (415), size limit (413), bytea or
 * a directory, audited download with attachment + nosniff, and who may do what.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { auditRows, sql } from './utils/case.factories';
import { closeDb, SeededCase, seedCase } from './utils/cp.factories';
import { docx, elf, pdf, png, windowsExe, zip } from './utils/files';

const MAX = 200_000;

function upload(
  t: TestApp,
  who: TestUser,
  caseId: string,
  file: Buffer | null,
  fields: Record<string, string> = { title: 'Signed assessment' },
  filename = 'assessment.pdf',
) {
  const r = t.req().post(`${API}/cases/${caseId}/documents`).set(bearer(who.token));
  for (const [k, v] of Object.entries(fields)) r.field(k, v);
  if (file) r.attach('file', file, { filename, contentType: 'application/pdf' });
  return r;
}

const binary = (
  res: import('superagent').Response,
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => cb(null, Buffer.concat(parts)));
};

describe('documents', () => {
  let t: TestApp;
  let w: World;
  let kase: SeededCase;

  const documentCount = async (caseId: string) =>
    (
      await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM case_document WHERE case_id = $1`,
        [caseId],
      )
    )[0].n;
  const download = (who: TestUser, id: string) =>
    t.req().get(`${API}/documents/${id}/content`).set(bearer(who.token)).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp({ DOCUMENT_MAX_BYTES: String(MAX) });
    w = await newWorld(t);
    kase = await seedCase(t, w, { children: 2 });
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('uploads a PDF (201, audited, on the timeline) and downloads it as an attachment with nosniff (audited read)', async () => {
    const bytes = pdf();
    const res = await upload(t, w.practitioner, kase.caseId, bytes);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId: kase.caseId,
      title: 'Signed assessment',
      contentType: 'application/pdf',
      extension: 'pdf',
      size: bytes.length,
      attachedTo: null,
      uploadedById: w.practitioner.id,
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const up = await auditRows(t, { recordId: res.body.id, action: 'document.upload' });
    expect(up).toHaveLength(1);
    expect([...up[0].child_ids].sort()).toEqual([...kase.childIds].sort());
    const tl = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timeline`)
      .set(bearer(w.practitioner.token));
    expect(tl.body.data.map((e: { type: string }) => e.type)).toContain('document_uploaded');

    const got = await download(w.ecpp, res.body.id);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
    expect(got.headers['content-type']).toMatch(/^application\/pdf/);
    expect(got.headers['content-disposition']).toBe('attachment; filename="Signed assessment.pdf"');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toContain('no-store');
    const read = await auditRows(t, { recordId: res.body.id, action: 'document.read' });
    expect(read).toHaveLength(1);
    expect(read[0].actor_id).toBe(w.ecpp.id);
    expect([...read[0].child_ids].sort()).toEqual([...kase.childIds].sort());

    const list = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/documents`)
      .set(bearer(w.manager.token));
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  it.each([
    ['a PNG image', png, 'image/png', 'png'],
    [
      'a Word document',
      docx,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
  ])('accepts %s, typed by its content whatever its name', async (_n, make, mime, ext) => {
    const res = await upload(
      t,
      w.practitioner,
      kase.caseId,
      make(),
      { title: 'Scan' },
      'upload.bin',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: mime, extension: ext });
  });

  it.each([
    ['an executable renamed report.pdf (ELF)', elf],
    ['a Windows executable renamed report.pdf', windowsExe],
    ['a ZIP archive', () => zip({ 'notes.txt': 'hello' })],
    ['plain text (unrecognised bytes)', () => Buffer.from('just some text, no magic here\n')],
  ])('415 for %s; nothing written', async (_n, make) => {
    const before = await documentCount(kase.caseId);
    const res = await upload(
      t,
      w.practitioner,
      kase.caseId,
      make(),
      { title: 'Report' },
      'report.pdf',
    );
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 415, code: 'unsupported_document_type' });
    expect(res.body.errors[0].field).toBe('file');
    expect(await documentCount(kase.caseId)).toBe(before);
  });

  it('413 beyond DOCUMENT_MAX_BYTES; nothing written', async () => {
    const before = await documentCount(kase.caseId);
    const big = Buffer.concat([pdf(), Buffer.alloc(MAX)]);
    const res = await upload(t, w.practitioner, kase.caseId, big);
    expect(res.status).toBe(413);
    expect(res.body.status).toBe(413);
    expect(await documentCount(kase.caseId)).toBe(before);
  });

  it.each([
    ['no file', null, { title: 'x' }, 'file'],
    ['no title', pdf(), {}, 'title'],
    ['a blank title', pdf(), { title: '  ' }, 'title'],
    ['an unknown field', pdf(), { title: 'x', colour: 'red' }, 'colour'],
    ['attachedTo not JSON', pdf(), { title: 'x', attachedTo: 'meeting' }, 'attachedTo'],
    [
      'attachedTo of an unknown type',
      pdf(),
      { title: 'x', attachedTo: JSON.stringify({ type: 'note', id: randomUUID() }) },
      'attachedTo.type',
    ],
    [
      'attachedTo something not on this case',
      pdf(),
      { title: 'x', attachedTo: JSON.stringify({ type: 'meeting', id: randomUUID() }) },
      'attachedTo.id',
    ],
  ])('400 naming the field for %s', async (_n, file, fields, field) => {
    const res = await upload(
      t,
      w.practitioner,
      kase.caseId,
      file,
      fields as Record<string, string>,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a JSON body instead of multipart: 415 naming multipart/form-data, nothing stored', async () => {
    const before = await sql<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM case_document WHERE case_id = $1`,
      [kase.caseId],
    );
    const res = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/documents`)
      .set(bearer(w.practitioner.token))
      .send({ title: 'x' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'unsupported_media_type' });
    expect(res.body.detail).toContain('multipart/form-data');
    const after = await sql<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM case_document WHERE case_id = $1`,
      [kase.caseId],
    );
    expect(after).toEqual(before);
  });

  it('attaches to a meeting of the case (JSON or bracketed fields) and filters by it', async () => {
    const [m] = await sql<{ id: string }>(
      t,
      `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, recorded_by_id)
       VALUES ($1, $2, 'core_group', CURRENT_DATE, $3) RETURNING id`,
      [kase.caseId, w.la.id, w.practitioner.id],
    );
    const a = await upload(t, w.practitioner, kase.caseId, pdf(), {
      title: 'Core group minutes',
      attachedTo: JSON.stringify({ type: 'meeting', id: m.id }),
    });
    expect(a.status).toBe(201);
    expect(a.body.attachedTo).toEqual({ type: 'meeting', id: m.id });
    const b = await upload(t, w.practitioner, kase.caseId, png(), {
      title: 'Photo',
      'attachedTo[type]': 'meeting',
      'attachedTo[id]': m.id,
    });
    expect(b.status).toBe(201);
    const list = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/documents`)
      .query({ attachedToType: 'meeting', attachedToId: m.id })
      .set(bearer(w.practitioner.token));
    expect(list.body.data.map((d: { id: string }) => d.id).sort()).toEqual(
      [a.body.id, b.body.id].sort(),
    );
  });

  it('an Idempotency-Key retry with the same file replays; with another file it is 422', async () => {
    const key = randomUUID();
    const first = await upload(t, w.practitioner, kase.caseId, pdf('one')).set(
      'Idempotency-Key',
      key,
    );
    expect(first.status).toBe(201);
    const again = await upload(t, w.practitioner, kase.caseId, pdf('one')).set(
      'Idempotency-Key',
      key,
    );
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await upload(t, w.practitioner, kase.caseId, pdf('two')).set(
      'Idempotency-Key',
      key,
    );
    expect(other.status).toBe(422);
  });

  it('a closed case takes no documents: 409', async () => {
    const closed = await seedCase(t, w);
    await sql(
      t,
      `UPDATE case_record SET stage = 'closed', closed_at = now(), closure_reason = 'RC7' WHERE id = $1`,
      [closed.caseId],
    );
    expect((await upload(t, w.practitioner, closed.caseId, pdf())).status).toBe(409);
  });

  describe('who may', () => {
    let docId: string;
    let restrictedDocId: string;
    beforeAll(async () => {
      docId = (await upload(t, w.practitioner, kase.caseId, pdf())).body.id;
      const restricted = await seedCase(t, w, { restricted: true });
      restrictedDocId = (await upload(t, w.practitioner, restricted.caseId, pdf())).body.id;
    });

    it.each([
      ['family_help_practitioner (lead)', 'practitioner', 201, 200],
      ['family_help_manager (team)', 'manager', 201, 200],
      ['cp_manager', 'cpManager', 201, 200],
      ['ecpp (not co-working: reads only)', 'ecpp', 403, 200],
      ['family_help_practitioner (other team: reads only)', 'otherPractitioner', 403, 200],
      ['la_admin', 'laAdmin', 403, 403],
      ['auditor', 'auditor', 403, 403],
      ['trainer', 'trainer', 403, 403],
    ] as const)('%s: upload %i, download %i', async (_r, who, up, down) => {
      expect((await upload(t, w[who], kase.caseId, pdf())).status).toBe(up);
      expect((await download(w[who], docId)).status).toBe(down);
    });

    it('another local authority: 404 for upload, list and download', async () => {
      const w2 = await newWorld(t);
      expect((await upload(t, w2.practitioner, kase.caseId, pdf())).status).toBe(404);
      expect(
        (
          await t
            .req()
            .get(`${API}/cases/${kase.caseId}/documents`)
            .set(bearer(w2.practitioner.token))
        ).status,
      ).toBe(404);
      expect((await download(w2.practitioner, docId)).status).toBe(404);
    });

    it('a restricted case hides its documents (404) from those who may not open it', async () => {
      expect((await download(w.otherPractitioner, restrictedDocId)).status).toBe(404);
      expect((await download(w.practitioner, restrictedDocId)).status).toBe(200);
    });

    it('an unknown document: 404', async () => {
      expect((await download(w.practitioner, randomUUID())).status).toBe(404);
    });
  });
});

describe('documents kept in a directory (DOCUMENT_STORAGE_DIR)', () => {
  const dir = join(__dirname, '..', '.data', `test-documents-${randomUUID().slice(0, 8)}`);
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ DOCUMENT_STORAGE_DIR: dir });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the bytes to a file named by the document id, none in Postgres, and serves them back', async () => {
    const kase = await seedCase(t, w);
    const bytes = png();
    const res = await upload(t, w.practitioner, kase.caseId, bytes, { title: 'Photo' });
    expect(res.status).toBe(201);
    const path = join(dir, res.body.id);
    expect(existsSync(path)).toBe(true);
    expect(Buffer.compare(readFileSync(path), bytes)).toBe(0);
    const [row] = await sql<{ storage: string; content: Buffer | null }>(
      t,
      `SELECT storage, content FROM case_document WHERE id = $1`,
      [res.body.id],
    );
    expect(row).toEqual({ storage: 'file', content: null });
    const got = await t
      .req()
      .get(`${API}/documents/${res.body.id}/content`)
      .set(bearer(w.manager.token))
      .buffer(true)
      .parse(binary);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
  });

  it('a refused upload leaves no file behind', async () => {
    const kase = await seedCase(t, w);
    const before = existsSync(dir) ? readdir(dir) : [];
    const res = await upload(t, w.ecpp, kase.caseId, pdf());
    expect(res.status).toBe(403);
    expect(existsSync(dir) ? readdir(dir) : []).toEqual(before);
  });
});

function readdir(dir: string): string[] {
  return readdirSync(dir).sort();
}
