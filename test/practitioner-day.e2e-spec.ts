/**
 * A practitioner's day through the views a practitioner UI uses (issue 14, "Done means"):
 * caseload → case with names and statuses in one request → assessment authorised → document
 * uploaded and downloaded (a renamed executable refused) → advocate offered to a parent →
 * token refreshed after expiry.
 */
import { addDays } from 'src/common/working-days';
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, PASSWORD, World } from './utils/factories';
import { newCase, newFamily } from './utils/case.factories';
import { closeDb, decide, startPlanAt } from './utils/cp.factories';
import { elf, pdf } from './utils/files';

const today = TEST_TODAY;

describe("a practitioner's day", () => {
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

  it('caseload → case → assessment → documents → advocate → refreshed session', async () => {
    // Morning: sign in; the UI keeps the refresh token.
    const signIn = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: w.practitioner.email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    let access: string = signIn.body.accessToken;
    const refreshToken: string = signIn.body.refreshToken;
    const as = (token: string) => bearer(token);

    // Yesterday's work: a family with two children and their mother, a case in child protection
    // with the ECPP co-working and the children on a plan.
    const family = await newFamily(t, w.practitioner, { children: 2, lastName: 'Okonjo' });
    const kase = await newCase(t, w, { family, referralDate: addDays(today, -20) });
    const seeded = {
      caseId: kase.id,
      familyId: family.id,
      childIds: family.childIds,
      referralDate: addDays(today, -20),
    };
    const concern = await t
      .req()
      .post(`${API}/cases/${kase.id}/concerns`)
      .set(as(access))
      .send({ summary: 'Bruising reported by school', childIds: family.childIds });
    expect(concern.status).toBe(201);
    expect(
      (
        await t
          .req()
          .post(`${API}/cases/${kase.id}/co-workers`)
          .set(bearer(w.cpManager.token))
          .send({ userId: w.ecpp.id })
      ).status,
    ).toBe(201);
    await decide(t, seeded, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: today,
      strategyDiscussionDate: today,
    });
    await decide(t, seeded, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: today,
      conferenceDate: today,
    });
    await startPlanAt(t, w, seeded, today, 'EMO');

    // 1. The caseload: the cases I lead.
    const caseload = await t.req().get(`${API}/cases`).query({ mine: 'lead' }).set(as(access));
    expect(caseload.status).toBe(200);
    const row = caseload.body.data.find((c: { id: string }) => c.id === kase.id);
    expect(row).toBeDefined();
    expect(row.stage).toBe('child_protection');

    // 2. The case, with names and statuses, in one request.
    const one = await t.req().get(`${API}/cases/${kase.id}`).set(as(access));
    expect(one.status).toBe(200);
    expect(one.body.leadPractitioner).toEqual({
      id: w.practitioner.id,
      name: 'family_help_practitioner user',
    });
    expect(one.body.coWorkers).toEqual([
      expect.objectContaining({ userId: w.ecpp.id, name: 'ecpp user', role: 'ecpp' }),
    ]);
    expect(one.body.children).toHaveLength(2);
    for (const child of one.body.children) {
      expect(child).toMatchObject({
        lastName: 'Okonjo',
        onPlan: { category: 'EMO', since: today },
        safetyPlanId: null,
      });
      expect(child.firstName).toMatch(/^Child/);
      expect(child.dateOfBirth).toMatch(/^2018-05-0/);
    }
    expect(one.body.nextTimescale).toMatchObject({ status: 'due' });

    // 3. The assessment: started, completed, authorised by the team manager.
    const started = await t
      .req()
      .post(`${API}/cases/${kase.id}/assessments`)
      .set(as(access))
      .send({ childIds: family.childIds, startedOn: addDays(today, -19) });
    expect(started.status).toBe(201);
    const completed = await t
      .req()
      .post(`${API}/assessments/${started.body.id}/completion`)
      .set(as(access))
      .send({ completedOn: today, outcome: 'concern_of_significant_harm' });
    expect(completed.status).toBe(200);
    const authorised = await t
      .req()
      .post(`${API}/assessments/${started.body.id}/authorisation`)
      .set(bearer(w.manager.token))
      .send({});
    expect(authorised.status).toBe(200);
    expect(authorised.body.status).toBe('authorised');
    const afterAssessment = await t.req().get(`${API}/cases/${kase.id}`).set(as(access));
    expect(afterAssessment.body.assessmentCompletedAt).toBe(today);

    // 4. Documents: the signed assessment goes up and comes back down; a renamed executable does not.
    const bytes = pdf('Signed assessment');
    const uploaded = await t
      .req()
      .post(`${API}/cases/${kase.id}/documents`)
      .set(as(access))
      .field('title', 'Signed assessment')
      .field('attachedTo', JSON.stringify({ type: 'assessment', id: started.body.id }))
      .attach('file', bytes, { filename: 'assessment.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      contentType: 'application/pdf',
      size: bytes.length,
      attachedTo: { type: 'assessment', id: started.body.id },
    });
    const downloaded = await t
      .req()
      .get(`${API}/documents/${uploaded.body.id}/content`)
      .set(as(access))
      .buffer(true)
      .parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, bytes)).toBe(0);
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment;/);
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    const renamed = await t
      .req()
      .post(`${API}/cases/${kase.id}/documents`)
      .set(as(access))
      .field('title', 'Report')
      .attach('file', elf(), { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(renamed.status).toBe(415);

    // 5. An advocate offered to the mother.
    const mother = family.adultIds[0];
    const advocate = await t
      .req()
      .post(`${API}/cases/${kase.id}/parent-representation`)
      .set(as(access))
      .send({
        parentId: mother,
        kind: 'advocate',
        organisation: 'Parents Advocacy Service',
        offeredOn: today,
        response: 'pending',
      });
    expect(advocate.status).toBe(201);
    expect(advocate.body).toMatchObject({ parentId: mother, parentLastName: 'Okonjo' });

    // 6. After lunch the access token has expired; the refresh token carries the session on.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 20 * 60 * 1000);
    try {
      expect((await t.req().get(`${API}/cases/${kase.id}`).set(as(access))).status).toBe(401);
      const refreshed = await t.req().post(`${API}/auth/refresh`).send({ refreshToken });
      expect(refreshed.status).toBe(200);
      access = refreshed.body.accessToken;
      const again = await t.req().get(`${API}/cases`).query({ mine: 'lead' }).set(as(access));
      expect(again.status).toBe(200);
      expect(again.body.data.map((c: { id: string }) => c.id)).toContain(kase.id);
    } finally {
      clock.mockRestore();
    }
  });
});
