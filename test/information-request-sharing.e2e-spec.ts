/**
 * Information requests and their answers are information-sharing records (docs/multi-agency.md):
 * outbound when the ECPP sends one (to a named partner, or to an agency's members), inbound for
 * each answer and each document the addressee attaches to it — listed by
 * `GET /information-sharing` with the case's other records, never a share. Documents attach to
 * an answer through the request (the addressee alone), and staff read them with the case's
 * documents.
 */
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  TestUser,
  World,
  approveAsPlatform,
  bearer,
  newUser,
  newWorld,
} from './utils/factories';
import { auditRows, sql } from './utils/case.factories';
import { assignEcpp, closeDb, seedCase, SeededCase } from './utils/cp.factories';
import { pdf, windowsExe } from './utils/files';

const DUE = '2026-11-18T14:00:00.000Z';
const GATEWAY = 'children_act_1989_s47_9';
const CONDITION = 'uk_gdpr_6_1_e_and_dpa_2018_sch1_para18_safeguarding';

type Sharing = {
  direction: string;
  recordType: string;
  recordId: string;
  withUserId: string | null;
  sharedById: string;
  agency: string;
  lawfulBasis: string;
  ukGdprCondition: string | null;
  what: string;
  childIds: string[];
  caseId: string;
};

describe('information requests and answers are information-sharing records; documents attach to answers', () => {
  let t: TestApp;
  let w: World;
  let police: TestUser; // MACPT member, police
  let nursery: TestUser; // partner, education
  let otherNursery: TestUser; // partner, education, never addressed by name
  let kase: SeededCase;
  let child: string;
  let discussionId: string;
  let documentId: string;
  const req: Record<string, string> = {};

  const call = (method: 'get' | 'post', path: string, who: TestUser, body?: object) => {
    const r = t.req()[method](`${API}${path}`).set(bearer(who.token));
    return body ? r.send(body) : r;
  };
  const attach = (who: TestUser, id: string, file: Buffer, title = 'Nursery incident log') =>
    t
      .req()
      .post(`${API}/information-requests/${id}/documents`)
      .set(bearer(who.token))
      .field('title', title)
      .attach('file', file, { filename: 'log.pdf', contentType: 'application/pdf' });
  const records = async (who: TestUser): Promise<Sharing[]> => {
    const res = await call('get', `/information-sharing?caseId=${kase.caseId}`, who);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [police, nursery, otherNursery] = await Promise.all([
      newUser(t, w.la.id, ['macpt_member'], { agency: 'police', name: 'DC Sam Hollis' }),
      newUser(t, w.la.id, ['partner'], { agency: 'education', name: 'Little Acorns DSL' }),
      newUser(t, w.la.id, ['partner'], { agency: 'education', name: 'Other nursery DSL' }),
    ]);
    const member = await call('post', `/teams/${w.cpTeam.id}/members`, w.laAdmin, {
      userId: police.id,
      profession: 'police',
      agency: 'police',
      statutoryRole: 'police',
      from: '2026-11-01',
    });
    expect(member.status).toBe(202);
    await approveAsPlatform(t, member.body.id as string);
    kase = await seedCase(t, w, { referralDate: '2026-11-16' });
    child = kase.childIds[0];
    const concern = await call('post', `/cases/${kase.caseId}/concerns`, w.practitioner, {
      summary: 'Bruise to the cheek of a non-mobile baby, seen at nursery drop-off.',
      childIds: [child],
      raisedOn: '2026-11-16',
    });
    expect(concern.status).toBe(201);
    await assignEcpp(t, w, kase);
    const d = await call('post', `/cases/${kase.caseId}/strategy-discussions`, w.ecpp, {
      childIds: [child],
      concernIds: [concern.body.id],
      scheduledFor: DUE,
      format: 'call',
      invitees: [{ userId: police.id }],
    });
    expect(d.status).toBe(201);
    discussionId = d.body.id;
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('ecpp sends a request to the nursery by name and one to the police agency: each an outbound record (gateway, UK GDPR condition, with whom)', async () => {
    for (const [name, to] of [
      ['nursery', { recipientUserId: nursery.id }],
      ['police', { recipientAgency: 'police' }],
      ['withdrawn', { recipientUserId: nursery.id }],
    ] as const) {
      const res = await call(
        'post',
        `/strategy-discussions/${discussionId}/information-requests`,
        w.ecpp,
        { ...to, gateway: GATEWAY, ukGdprCondition: CONDITION, questions: ['What do you know?'] },
      );
      expect(res.status).toBe(201);
      req[name] = res.body.id;
    }
    const rows = await records(w.auditor);
    expect(rows).toEqual([
      expect.objectContaining({
        direction: 'outbound',
        recordType: 'information_request',
        recordId: req.nursery,
        withUserId: nursery.id,
        sharedById: w.ecpp.id,
        agency: 'education',
        lawfulBasis: GATEWAY,
        ukGdprCondition: CONDITION,
        childIds: [child],
        caseId: kase.caseId,
        what: expect.stringContaining("the child's name, date of birth, address and NHS number"),
      }),
      expect.objectContaining({
        direction: 'outbound',
        recordId: req.police,
        withUserId: null,
        agency: 'police',
      }),
      expect.objectContaining({ direction: 'outbound', recordId: req.withdrawn }),
    ]);
  });

  it("family_help_manager (the case's team) lists the same records; a partner may not list them (404)", async () => {
    expect((await records(w.manager)).map((r) => r.recordId)).toEqual([
      req.nursery,
      req.police,
      req.withdrawn,
    ]);
    expect((await call('get', `/information-sharing?caseId=${kase.caseId}`, nursery)).status).toBe(
      404,
    );
  });

  it('partner (nursery): a request is never a share — nothing of it in /partner/shared', async () => {
    const res = await call('get', '/partner/shared', nursery);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  it('partner (nursery) attaches a document to its answer: 201, audited with the child, an inbound record', async () => {
    const res = await attach(nursery, req.nursery, pdf('Incident log 16 November'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Nursery incident log',
      contentType: 'application/pdf',
      attachedTo: { type: 'information_request', id: req.nursery },
    });
    documentId = res.body.id;
    const audit = await auditRows(t, { recordId: documentId, action: 'document.upload' });
    expect(audit).toEqual([expect.objectContaining({ actor_id: nursery.id, child_ids: [child] })]);
    const inbound = (await records(w.auditor)).filter((r) => r.direction === 'inbound');
    expect(inbound).toEqual([
      expect.objectContaining({
        recordId: req.nursery,
        sharedById: nursery.id,
        withUserId: w.ecpp.id,
        agency: 'education',
        lawfulBasis: GATEWAY,
        what: 'Document attached to the answer: Nursery incident log',
      }),
    ]);
  });

  it('partner (nursery) answers: an inbound record from its agency to the sender; it sees its own document on the request, never the case', async () => {
    const res = await call('post', `/information-requests/${req.nursery}/answer`, nursery, {
      text: 'Bruise to the left cheek seen at 8.10am; mother said the baby fell from the sofa.',
    });
    expect(res.status).toBe(200);
    expect(res.body.documents).toEqual([expect.objectContaining({ id: documentId })]);
    expect(res.body).not.toHaveProperty('caseId');
    const inbound = (await records(w.auditor)).filter((r) => r.direction === 'inbound');
    expect(inbound.map((r) => r.what)).toEqual([
      'Document attached to the answer: Nursery incident log',
      'Answer to an information request',
    ]);
    // After answering, a further document still attaches (an answered request).
    expect((await attach(nursery, req.nursery, pdf('Body map'), 'Body map')).status).toBe(201);
    expect((await call('get', `/documents/${documentId}/content`, nursery)).status).toBe(404);
  });

  it("ecpp sees the answer's documents on the request and with the case's documents, and downloads them", async () => {
    const one = await call('get', `/information-requests/${req.nursery}`, w.ecpp);
    expect(one.status).toBe(200);
    expect(one.body.documents.map((d: { title: string }) => d.title)).toEqual([
      'Nursery incident log',
      'Body map',
    ]);
    const list = await call(
      'get',
      `/cases/${kase.caseId}/documents?attachedToType=information_request&attachedToId=${req.nursery}`,
      w.ecpp,
    );
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect((await call('get', `/documents/${documentId}/content`, w.ecpp)).status).toBe(200);
  });

  it.each([
    ['partner (nursery), its addressee', () => nursery],
    ['ecpp', () => w.ecpp],
  ])(
    '%s: the inbox shows the request as its own read does (children and documents alike)',
    async (_who, who) => {
      const inbox = await call('get', `/information-requests?limit=50`, who());
      expect(inbox.status).toBe(200);
      const entry = inbox.body.data.find((r: { id: string }) => r.id === req.nursery);
      const one = await call('get', `/information-requests/${req.nursery}`, who());
      expect(entry.documents).toHaveLength(2);
      expect(entry).toEqual(one.body);
    },
  );

  it('a document the ECPP attaches to the request (a case document): staff see it on the request and in the inbox; the nursery, its addressee, sees neither', async () => {
    const staffDoc = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/documents`)
      .set(bearer(w.ecpp.token))
      .field('title', 'Strategy discussion minutes')
      .field('attachedTo', JSON.stringify({ type: 'information_request', id: req.nursery }))
      .attach('file', pdf('Minutes'), { filename: 'minutes.pdf', contentType: 'application/pdf' });
    expect(staffDoc.status).toBe(201);
    const titles = async (who: TestUser) => {
      const one = await call('get', `/information-requests/${req.nursery}`, who);
      const inbox = await call('get', `/information-requests?limit=50`, who);
      const entry = inbox.body.data.find((r: { id: string }) => r.id === req.nursery);
      const names = (docs: { title: string }[]) => docs.map((d) => d.title);
      return { one: names(one.body.documents), inbox: names(entry.documents) };
    };
    const answer = ['Nursery incident log', 'Body map'];
    expect(await titles(w.ecpp)).toEqual({
      one: [...answer, 'Strategy discussion minutes'],
      inbox: [...answer, 'Strategy discussion minutes'],
    });
    expect(await titles(nursery)).toEqual({ one: answer, inbox: answer });
  });

  it.each([
    ['partner never addressed (another nursery)', () => otherNursery, 404],
    ['macpt_member (police) not addressed by this request', () => police, 404],
    ['ecpp (staff who see the request, not its addressee)', () => w.ecpp, 403],
    ['cp_manager', () => w.cpManager, 403],
  ])(
    '%s may not attach a document to the nursery’s answer → %i, and nothing is stored',
    async (_who, who, status) => {
      const before = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM case_document WHERE attached_to_id = $1`,
        [req.nursery],
      );
      expect((await attach(who(), req.nursery, pdf())).status).toBe(status);
      const after = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM case_document WHERE attached_to_id = $1`,
        [req.nursery],
      );
      expect(after[0].n).toBe(before[0].n);
    },
  );

  it('partner (nursery): an executable is 415, a missing title 400; a withdrawn request takes no document (409)', async () => {
    expect((await attach(nursery, req.nursery, windowsExe())).status).toBe(415);
    const untitled = await t
      .req()
      .post(`${API}/information-requests/${req.nursery}/documents`)
      .set(bearer(nursery.token))
      .attach('file', pdf(), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect([untitled.status, untitled.body.errors?.[0]?.field]).toEqual([400, 'title']);
    expect(
      (await call('post', `/information-requests/${req.withdrawn}/withdraw`, w.ecpp)).status,
    ).toBe(200);
    const refused = await attach(nursery, req.withdrawn, pdf());
    expect([refused.status, refused.body.code]).toEqual([409, 'request_closed']);
  });

  it('macpt_member (police, addressed as an agency) answers "nothing known": an inbound record from the police to the ECPP', async () => {
    const res = await call('post', `/information-requests/${req.police}/answer`, police, {
      nothingKnown: true,
    });
    expect(res.status).toBe(200);
    const rows = (await records(w.auditor)).filter(
      (r) => r.recordId === req.police && r.direction === 'inbound',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        sharedById: police.id,
        withUserId: w.ecpp.id,
        agency: 'police',
        what: 'Answer to an information request: nothing known',
        ukGdprCondition: CONDITION,
      }),
    ]);
  });
});
