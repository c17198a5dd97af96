/**
 * "The nursery bruise": a 16-month-old with a bruise seen at nursery. The Family Help lead asks
 * for a strategy discussion; the ECPP schedules it and asks the police, the health visitor, the
 * nursery and the GP what they know; the GP has not answered when the discussion starts (the
 * overdue list shows it); the discussion agrees a joint s47 enquiry, which the ECPP starts
 * citing it; the police MACPT member reads the case while the enquiry is open, and not after.
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
import { sql } from './utils/case.factories';
import { assignEcpp, closeDb, RATIONALE, seedCase, SeededCase } from './utils/cp.factories';

const DISCUSSION_AT = '2026-11-18T14:00:00.000Z';

describe('the nursery bruise: strategy discussion, information requests, joint s47 (every role, every refusal)', () => {
  let t: TestApp;
  let w: World;
  let police: TestUser; // MACPT member, police
  let healthVisitor: TestUser; // MACPT member, health
  let nursery: TestUser; // partner, education (the nursery's safeguarding lead)
  let gp: TestUser; // partner, health
  let otherNursery: TestUser; // partner, education, never addressed
  let kase: SeededCase;
  let child: string;
  let concernId: string;
  let discussionId: string;
  const req: Record<string, string> = {};

  const call = (method: 'get' | 'post' | 'put', path: string, who: TestUser, body?: object) => {
    const r = t.req()[method](`${API}${path}`).set(bearer(who.token));
    return body ? r.send(body) : r;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [police, healthVisitor, nursery, gp, otherNursery] = await Promise.all([
      newUser(t, w.la.id, ['macpt_member'], { agency: 'police', name: 'DC Sam Hollis' }),
      newUser(t, w.la.id, ['macpt_member'], { agency: 'health', name: 'Jo Reid, health visitor' }),
      newUser(t, w.la.id, ['partner'], { agency: 'education', name: 'Little Acorns DSL' }),
      newUser(t, w.la.id, ['partner'], { agency: 'health', name: 'Dr Ann Patel, GP' }),
      newUser(t, w.la.id, ['partner'], { agency: 'education', name: 'Other nursery DSL' }),
    ]);
    for (const [u, agency, statutoryRole, profession] of [
      [police, 'police', 'police', 'police'],
      [healthVisitor, 'health', 'health', 'health_visitor'],
    ] as const) {
      const res = await call('post', `/teams/${w.cpTeam.id}/members`, w.laAdmin, {
        userId: u.id,
        profession,
        agency,
        statutoryRole,
        from: '2026-11-01',
      });
      // Child-protection team membership needs a second approver (dual control).
      expect(res.status).toBe(202);
      await approveAsPlatform(t, res.body.id as string);
    }
    kase = await seedCase(t, w, { referralDate: '2026-11-16' });
    child = kase.childIds[0];
    // Mia is 16 months old (born 10 July 2025), with a verified NHS number.
    await sql(
      t,
      `UPDATE person SET first_name = 'Mia', date_of_birth = '2025-07-10', nhs_number = '9434765919' WHERE id = $1`,
      [child],
    );
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('family_help_practitioner (lead) raises the concern and requests a strategy discussion; cp_manager assigns the ECPP', async () => {
    const concern = await call('post', `/cases/${kase.caseId}/concerns`, w.practitioner, {
      summary: 'Bruise to the cheek of a non-mobile 16-month-old, seen at nursery drop-off.',
      childIds: [child],
      raisedOn: '2026-11-16',
    });
    expect(concern.status).toBe(201);
    concernId = concern.body.id;
    const asked = await call(
      'post',
      `/cases/${kase.caseId}/strategy-discussion-requests`,
      w.practitioner,
      {
        childIds: [child],
        reason: 'A bruise on a baby who is not yet walking: we need a strategy discussion today.',
      },
    );
    expect(asked.status).toBe(201);
    req.discussionRequest = asked.body.id;
    await assignEcpp(t, w, kase);
  });

  it('ecpp schedules the discussion (answering the request) and sends four information requests', async () => {
    const d = await call('post', `/cases/${kase.caseId}/strategy-discussions`, w.ecpp, {
      childIds: [child],
      concernIds: [concernId],
      scheduledFor: DISCUSSION_AT,
      format: 'call',
      invitees: [{ userId: police.id }, { userId: healthVisitor.id }],
      requestId: req.discussionRequest,
    });
    expect(d.status).toBe(201);
    discussionId = d.body.id;
    const common = {
      gateway: 'children_act_1989_s47_9',
      ukGdprCondition: 'uk_gdpr_6_1_e_and_dpa_2018_sch1_para18_safeguarding',
      address: '14 Mill Lane, Northtown NT1 2AB',
    };
    const send = async (name: string, to: object, questions: string[]) => {
      const res = await call(
        'post',
        `/strategy-discussions/${discussionId}/information-requests`,
        w.ecpp,
        {
          ...to,
          ...common,
          questions,
        },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'sent', dueAt: DISCUSSION_AT });
      req[name] = res.body.id;
    };
    await send('police', { recipientAgency: 'police' }, [
      'Any police involvement with the household?',
    ]);
    await send('healthVisitor', { recipientUserId: healthVisitor.id }, [
      'Development and any previous injuries?',
    ]);
    await send('nursery', { recipientUserId: nursery.id }, [
      'What was seen, when, and what was said?',
    ]);
    await send('gp', { recipientUserId: gp.id }, ['Any attendances or injuries recorded?']);
    const events = await sql<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM integration_event WHERE type = 'information_request.sent' AND data->>'caseId' = $1`,
      [kase.caseId],
    );
    expect(events[0].n).toBe(4);
  });

  it('a partner never addressed (another nursery) gets 404 for the request; the nursery gets 404 for the GP’s request', async () => {
    expect((await call('get', `/information-requests/${req.nursery}`, otherNursery)).status).toBe(
      404,
    );
    expect(
      (
        await call('post', `/information-requests/${req.nursery}/answer`, otherNursery, {
          text: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await call('get', `/information-requests/${req.gp}`, nursery)).status).toBe(404);
    const inbox = await call('get', '/information-requests', otherNursery);
    expect(inbox.body.data).toEqual([]);
  });

  it('partner (nursery) sees the request only: the child’s name, date of birth, NHS number, address, questions, deadline — never the case', async () => {
    const res = await call('get', `/information-requests/${req.nursery}`, nursery);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      children: [
        { id: child, firstName: 'Mia', dateOfBirth: '2025-07-10', nhsNumber: '9434765919' },
      ],
      address: '14 Mill Lane, Northtown NT1 2AB',
      questions: ['What was seen, when, and what was said?'],
      dueAt: DISCUSSION_AT,
    });
    expect(res.body).not.toHaveProperty('caseId');
    expect(res.body).not.toHaveProperty('discussionId');
    expect((await call('get', `/cases/${kase.caseId}`, nursery)).status).toBe(404);
    expect((await call('get', `/strategy-discussions/${discussionId}`, nursery)).status).toBe(404);
    expect((await call('get', `/cases/${kase.caseId}/timeline`, nursery)).status).toBe(404);
  });

  it('partner (nursery): a decline without a reason is 400 and changes nothing; then it answers', async () => {
    const bare = await call('post', `/information-requests/${req.nursery}/decline`, nursery, {});
    expect([bare.status, bare.body.errors[0].field]).toEqual([400, 'reason']);
    const short = await call('post', `/information-requests/${req.nursery}/decline`, nursery, {
      reason: 'No.',
    });
    expect(short.status).toBe(400);
    expect((await call('get', `/information-requests/${req.nursery}`, nursery)).body.status).toBe(
      'sent',
    );
    const ack = await call('post', `/information-requests/${req.nursery}/acknowledge`, nursery);
    expect(ack.body.status).toBe('acknowledged');
    const answered = await call('post', `/information-requests/${req.nursery}/answer`, nursery, {
      text: 'Bruise to the left cheek seen at 8.10am on 16 November; mother said Mia fell from the sofa.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', respondedById: nursery.id });
    const again = await call('post', `/information-requests/${req.nursery}/answer`, nursery, {
      text: 'More.',
    });
    expect([again.status, again.body.code]).toEqual([409, 'request_closed']);
  });

  it('macpt_member (police, addressed as an agency) answers "nothing known"; the health visitor answers; neither sees the other’s answer', async () => {
    const p = await call('post', `/information-requests/${req.police}/answer`, police, {
      nothingKnown: true,
    });
    expect(p.body).toMatchObject({ status: 'answered', nothingKnown: true, answerText: null });
    const hv = await call(
      'post',
      `/information-requests/${req.healthVisitor}/answer`,
      healthVisitor,
      {
        text: 'Seen at 12 months: meeting milestones, not yet walking; no injuries recorded.',
      },
    );
    expect(hv.status).toBe(200);
    expect((await call('get', `/information-requests/${req.healthVisitor}`, police)).status).toBe(
      404,
    );
    expect((await call('get', `/information-requests/${req.police}`, healthVisitor)).status).toBe(
      404,
    );
    expect((await call('post', `/information-requests/${req.gp}/acknowledge`, w.ecpp)).status).toBe(
      403,
    );
  });

  it('the overdue list (ecpp, cp_manager, the GP’s own inbox) shows the GP’s unanswered request at its due time', async () => {
    for (const who of [w.ecpp, w.cpManager]) {
      const res = await call('get', '/information-requests?status=overdue', who);
      expect(res.status).toBe(200);
      expect(res.body.data.map((r: { id: string }) => r.id)).toEqual([req.gp]);
      expect(res.body.data[0]).toMatchObject({ overdue: true, caseId: kase.caseId });
    }
    const mine = await call('get', '/information-requests?status=overdue&mine=true', gp);
    expect(mine.body.data.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue])).toEqual([
      [req.gp, true],
    ]);
    expect((await call('get', '/information-requests', w.practitioner)).status).toBe(403);
  });

  it('every request and answer is audited with the child’s id; answers and declines raise events without their text', async () => {
    const rows = await sql<{ action: string; child_ids: string[] }>(
      t,
      `SELECT action, child_ids FROM audit_event WHERE record_type = 'information_request' AND outcome = 'success'
         AND action IN ('information_request.send', 'information_request.answer')
         AND local_authority_id = $1 ORDER BY id`,
      [w.la.id],
    );
    expect(rows.filter((r) => r.action === 'information_request.send')).toHaveLength(4);
    expect(rows.filter((r) => r.action === 'information_request.answer')).toHaveLength(3);
    expect(rows.every((r) => r.child_ids.length === 1 && r.child_ids[0] === child)).toBe(true);
    const events = await sql<{ data: object }>(
      t,
      `SELECT data FROM integration_event WHERE type = 'information_request.answered' AND data->>'caseId' = $1`,
      [kase.caseId],
    );
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain('sofa');
  });

  it('ecpp holds and concludes the discussion (GP absent): a joint s47 enquiry; a s47 without citing it is 409', async () => {
    const held = await call('post', `/strategy-discussions/${discussionId}/held`, w.ecpp, {
      heldOn: '2026-11-18',
      participants: [
        { userId: w.ecpp.id, agency: 'social_care', attended: true },
        { userId: police.id, agency: 'police', attended: true },
        { userId: healthVisitor.id, agency: 'health', attended: true },
        { userId: gp.id, agency: 'health', attended: false },
      ],
      contributions: [
        { agency: 'education', summary: 'Nursery’s written account (information request).' },
      ],
    });
    expect(held.status).toBe(200);
    const done = await call('post', `/strategy-discussions/${discussionId}/outcome`, w.ecpp, {
      s47: 'joint_with_police',
      immediateProtection: 'agreed_safety_plan',
      medical: true,
      abeInterview: false,
      parentsInformed: { by: 'ECPP and DC Hollis', on: '2026-11-18' },
      rationale: 'An unexplained bruise to a non-mobile baby: joint enquiries and a medical today.',
      dissent: [],
      nextDiscussionOn: '2026-11-25',
    });
    expect(done.body).toMatchObject({ status: 'concluded', outcome: { s47: 'joint_with_police' } });
    const uncited = await call('post', `/cases/${kase.caseId}/decisions`, w.ecpp, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: [child],
      effectiveDate: '2026-11-18',
    });
    expect([uncited.status, uncited.body.code]).toEqual([409, 'strategy_discussion_required']);
    const s47 = await call('post', `/cases/${kase.caseId}/decisions`, w.ecpp, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: [child],
      effectiveDate: '2026-11-18',
      strategyDiscussionId: discussionId,
    });
    expect(s47.status).toBe(201);
    expect(s47.body).toMatchObject({
      strategyDiscussionDate: '2026-11-18',
      caseStage: 'child_protection',
    });
  });

  it('partner (GP) declines late, with its reason; the ECPP withdraws a duplicate request, which then cannot be answered', async () => {
    const declined = await call('post', `/information-requests/${req.gp}/decline`, gp, {
      reason:
        'The father is also our patient; disclosure now would prejudice his treatment and the child.',
    });
    expect(declined.body).toMatchObject({ status: 'declined', overdue: false });
    const dup = await call('post', `/cases/${kase.caseId}/information-requests`, w.ecpp, {
      recipientUserId: gp.id,
      questions: ['Any attendances or injuries recorded?'],
      gateway: 'children_act_2004_s16LA',
      ukGdprCondition: 'uk_gdpr_6_1_c_legal_obligation',
      dueAt: '2026-11-25T12:00:00Z',
    });
    expect(dup.status).toBe(201);
    // Its addressee may not withdraw it: 404, as the sender's side is closed to it.
    expect((await call('post', `/information-requests/${dup.body.id}/withdraw`, gp)).status).toBe(
      404,
    );
    const gone = await call('post', `/information-requests/${dup.body.id}/withdraw`, w.ecpp);
    expect(gone.body.status).toBe('withdrawn');
    const late = await call('post', `/information-requests/${dup.body.id}/answer`, gp, {
      text: 'Now.',
    });
    expect([late.status, late.body.code]).toEqual([409, 'request_closed']);
  });

  it('macpt_member (police) reads the case while the enquiry is open, and gets 404 once it closes', async () => {
    expect((await call('get', `/cases/${kase.caseId}`, police)).status).toBe(200);
    const nfa = await call('post', `/cases/${kase.caseId}/decisions`, w.ecpp, {
      type: 'no_further_action',
      rationale: 'Medical found a birthmark, not a bruise; enquiries end with no further action.',
      childIds: [child],
      effectiveDate: '2026-11-20',
    });
    expect(nfa.status).toBe(201);
    expect((await call('get', `/cases/${kase.caseId}`, police)).status).toBe(404);
    expect((await call('get', `/strategy-discussions/${discussionId}`, police)).status).toBe(404);
    // Its own request stays readable to the addressee (the request only).
    expect((await call('get', `/information-requests/${req.police}`, police)).status).toBe(200);
  });
});
