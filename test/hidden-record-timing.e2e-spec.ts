import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { closeDb, db, seedCase } from './utils/cp.factories';
import { draftFnp, newNetworkMember } from './utils/plan.factories';

/**
 * A record the caller may not see and a record that does not exist cost the same work: one
 * statement finds the record's case and judges it, and nothing of the record (a document's
 * bytes) is read before the verdict. So a 404's timing tells nothing (docs/security.md).
 */
describe('hidden and missing records do the same work', () => {
  let t: TestApp;
  let w: World;
  const BYTES = 8 * 1024 * 1024;
  let content: Buffer;
  let documentId: string;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const c = await db(t);
    // A restricted case's 8 MiB document, kept in Postgres.
    const kase = await seedCase(t, w, { restricted: true });
    content = randomBytes(BYTES);
    const doc = await c.query(
      `INSERT INTO case_document (local_authority_id, case_id, title, content_type, extension, size,
         sha256, storage, content, uploaded_by_id)
       VALUES ($1, $2, 'Large scan', 'application/pdf', 'pdf', $3, $4, 'db', $5, $6) RETURNING id`,
      [
        w.la.id,
        kase.caseId,
        BYTES,
        createHash('sha256').update(content).digest('hex'),
        content,
        w.practitioner.id,
      ],
    );
    documentId = doc.rows[0].id;
    // A Family Network Plan on a case then restricted.
    const open = await seedCase(t, w);
    const carer = await newNetworkMember(t, w.practitioner, open.familyId);
    planId = (await draftFnp(t, w, open, carer)).id;
    await c.query(`UPDATE case_record SET restricted = true WHERE id = $1`, [open.caseId]);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const median = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  };

  /** Medians of interleaved 404s for the hidden record and random ids (up to three rounds). */
  async function compare(path: (id: string) => string, hiddenId: string, who: TestUser) {
    const once = async (id: string) => {
      const started = process.hrtime.bigint();
      const res = await t
        .req()
        .get(`${API}${path(id)}`)
        .set(bearer(who.token));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(res.status).toBe(404);
      return { ms, body: res.body as Record<string, unknown> };
    };
    let h = 0;
    let r = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) await once(i % 2 ? hiddenId : randomUUID()); // warm up
      const hidden: number[] = [];
      const random: number[] = [];
      for (let i = 0; i < 60; i++) {
        // Interleaved, alternating which goes first, so drift and load hit both alike.
        if (i % 2) {
          hidden.push((await once(hiddenId)).ms);
          random.push((await once(randomUUID())).ms);
        } else {
          random.push((await once(randomUUID())).ms);
          hidden.push((await once(hiddenId)).ms);
        }
      }
      [h, r] = [median(hidden), median(random)];
      if (Math.abs(h - r) <= 0.2 * Math.min(h, r)) break;
    }
    if (process.env.TIMING_VERBOSE)
      process.stdout.write(`${path('x')}: hidden ${h.toFixed(2)} ms, random ${r.toFixed(2)} ms\n`);
    expect(Math.abs(h - r)).toBeLessThanOrEqual(0.2 * Math.min(h, r));
    // And the same answer, word for word.
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: 0, instance: 0 });
    expect(strip((await once(hiddenId)).body)).toEqual(strip((await once(randomUUID())).body));
  }

  it("a practitioner of another team: a restricted case's 8 MiB document and a random id answer 404 alike (medians within 20%, interleaved)", async () => {
    await compare((id) => `/documents/${id}/content`, documentId, w.otherPractitioner);
  });

  it("a practitioner of another team: a restricted case's Family Network Plan and a random id answer 404 alike (medians within 20%, interleaved)", async () => {
    await compare((id) => `/family-network-plans/${id}`, planId, w.otherPractitioner);
  });

  it("the case's lead downloads the 8 MiB document, streamed after the verdict: every byte, in order", async () => {
    const res = await t
      .req()
      .get(`${API}/documents/${documentId}/content`)
      .set(bearer(w.practitioner.token))
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (d: Buffer) => parts.push(d));
        r.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(BYTES));
    expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
  });
});
