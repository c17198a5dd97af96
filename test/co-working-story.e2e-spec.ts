/**
 * The co-working story end to end, through the public API only: referral → Family Help →
 * concern → ECPP assigned → strategy discussion (s47) → ICPC convened → CP plan → timescales
 * (ICPC met, review due) → review conference → plan ended (step down) → back in Family Help
 * with the same lead practitioner, the whole history on one timeline, then closed.
 */
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { closeWithAuthority, concludedConference } from './utils/cp.factories';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';

const RATIONALE = {
  s47: 'Strategy discussion with police and health: injuries consistent with non-accidental harm.',
  convene: 'Section 47 enquiry substantiated concerns; an initial conference is needed.',
  plan: 'Conference agreed both children are at continuing risk of neglect; plan needed.',
  stepDown: 'Review conference: sustained progress; risk now managed within Family Help.',
};

describe('co-working story: one continuous record from referral to step-down', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const call = async (
    method: 'get' | 'post',
    who: TestUser,
    path: string,
    status: number,
    body?: object,
  ) => {
    const req = t.req()[method](`${API}${path}`).set(bearer(who.token));
    const res = body ? await req.send(body) : await req;
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status });
    return res.body;
  };

  it('tells the whole story on one timeline', async () => {
    // Referral → Family Help.
    const family = await call('post', w.practitioner, '/families', 201, {
      name: 'Okafor-Reid',
      members: [
        { kind: 'child', firstName: 'Amara', lastName: 'Okafor-Reid', dateOfBirth: '2019-05-14' },
        { kind: 'child', firstName: 'Leo', lastName: 'Okafor-Reid', dateOfBirth: '2022-02-03' },
        { kind: 'adult', firstName: 'Grace', lastName: 'Okafor' },
      ],
    });
    const childIds: string[] = family.members
      .filter((m: { kind: string }) => m.kind === 'child')
      .map((m: { id: string }) => m.id);
    expect(childIds).toHaveLength(2);
    const created = await call('post', w.practitioner, '/cases', 201, {
      familyId: family.id,
      teamId: w.fhTeam.id,
      leadPractitionerId: w.practitioner.id,
      childIds,
      referral: { date: '2026-10-01', source: '3B' },
    });
    const id: string = created.id;
    expect(created).toMatchObject({ stage: 'family_help', coWorkers: [] });
    // The assessment: started and completed by the lead, authorised by the team manager, which
    // meets the 45-working-day timescale on the completion day.
    const assessment = await call('post', w.practitioner, `/cases/${id}/assessments`, 201, {
      childIds,
      startedOn: '2026-10-05',
    });
    await call('post', w.practitioner, `/assessments/${assessment.id}/completion`, 200, {
      completedOn: '2026-11-20',
      outcome: 'family_help_plan',
    });
    await call('post', w.manager, `/assessments/${assessment.id}/authorisation`, 200);

    // A concern of significant harm: the case now needs an ECPP.
    const concern = await call('post', w.practitioner, `/cases/${id}/concerns`, 201, {
      summary: 'Amara has bruising to both upper arms; Leo has lost weight.',
      childIds,
      raisedOn: '2026-12-17',
    });
    expect(concern.raisedOn).toBe('2026-12-17');
    expect((await call('get', w.practitioner, `/cases/${id}/co-working`, 200)).needsEcpp).toBe(
      true,
    );
    const unallocated = await call('get', w.cpManager, '/concerns/unallocated?limit=200', 200);
    expect(unallocated.data.map((c: { id: string }) => c.id)).toContain(concern.id);
    const request = await call('post', w.practitioner, `/cases/${id}/decision-requests`, 201, {
      type: 'start_section_47_enquiry',
      view: 'We believe the threshold for a section 47 enquiry is met.',
    });

    // ECPP assigned as co-worker; the lead practitioner and team stay.
    await call('post', w.cpManager, `/cases/${id}/co-workers`, 201, {
      userId: w.ecpp.id,
      assignedOn: '2026-12-17',
    });
    const assigned = await call('get', w.manager, `/cases/${id}`, 200);
    expect(assigned).toMatchObject({
      stage: 'family_help',
      leadPractitionerId: w.practitioner.id,
      teamId: w.fhTeam.id,
      coWorkers: [expect.objectContaining({ userId: w.ecpp.id, role: 'ecpp' })],
    });
    const queue = await call('get', w.ecpp, '/decision-requests?status=open', 200);
    expect(queue.data.map((r: { id: string }) => r.id)).toContain(request.id);

    // Strategy discussion (a record: held, concluded) → section 47 enquiry citing it (answers
    // the request).
    const discussion = await call('post', w.ecpp, `/cases/${id}/strategy-discussions`, 201, {
      childIds,
      concernIds: [concern.id],
      scheduledFor: '2026-12-18T09:30:00Z',
      format: 'meeting',
      invitees: [{ name: 'DS Patel', agency: 'police', organisation: 'Police CAIT' }],
    });
    await call('post', w.ecpp, `/strategy-discussions/${discussion.id}/held`, 200, {
      heldOn: '2026-12-18',
      participants: [
        { userId: w.ecpp.id, agency: 'social_care', attended: true },
        { name: 'DS Patel', agency: 'police', attended: true },
        { name: 'Named nurse', agency: 'health', attended: true },
      ],
      contributions: [{ agency: 'health', summary: 'Leo has dropped two centiles since June.' }],
    });
    await call('post', w.ecpp, `/strategy-discussions/${discussion.id}/outcome`, 200, {
      s47: 'joint_with_police',
      immediateProtection: 'none',
      medical: true,
      abeInterview: false,
      parentsInformed: { by: 'ECPP and DS Patel', on: '2026-12-18' },
      rationale: 'Bruising to both arms and weight loss: joint enquiries with police agreed.',
      dissent: [],
    });
    const s47 = await call('post', w.ecpp, `/cases/${id}/decisions`, 201, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE.s47,
      childIds,
      effectiveDate: '2026-12-18',
      strategyDiscussionId: discussion.id,
      requestId: request.id,
    });
    expect(s47).toMatchObject({
      strategyDiscussionId: discussion.id,
      strategyDiscussionDate: '2026-12-18',
      overrideReason: null,
    });
    expect(s47).toMatchObject({ caseStage: 'child_protection', decidedById: w.ecpp.id });
    const before = await call('get', w.ecpp, `/cases/${id}/timescales?asOf=2027-01-04`, 200);
    expect(before.data).toContainEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'due',
    });

    // ICPC convened for a date after it was due (13 Jan): booked, shown as scheduled, never as
    // held; Family Help records a disagreement.
    const convene = await call('post', w.ecpp, `/cases/${id}/decisions`, 201, {
      type: 'convene_initial_cp_conference',
      rationale: RATIONALE.convene,
      childIds,
      effectiveDate: '2026-12-21',
      conferenceDate: '2027-01-26',
    });
    await call('post', w.practitioner, `/cases/${id}/decisions/${convene.id}/challenges`, 201, {
      view: 'We think a family network meeting should come first.',
    });
    const booked = await call('get', w.ecpp, `/cases/${id}/timescales?asOf=2027-01-14`, 200);
    expect(booked.data).toContainEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'overdue',
      scheduledFor: '2027-01-26',
    });
    // The conference decides, independently chaired; the ECPP records its outcome as the plan
    // decision, citing it — not before the conference was held.
    const kase = { caseId: id, childIds, familyId: '', referralDate: '2026-10-01' };
    const noConference = await call('post', w.ecpp, `/cases/${id}/decisions`, 409, {
      type: 'start_child_protection_plan',
      rationale: RATIONALE.plan,
      childIds,
      effectiveDate: '2027-01-26',
      category: 'NEG',
    });
    expect(noConference.code).toBe('conference_outcome_required');
    const icpc = await concludedConference(t, w, kase, {
      type: 'initial',
      heldOn: '2027-01-26',
      plan: 'start',
    });
    const early = await call('post', w.ecpp, `/cases/${id}/decisions`, 400, {
      type: 'start_child_protection_plan',
      rationale: RATIONALE.plan,
      childIds,
      effectiveDate: '2027-01-20',
      category: 'NEG',
      conferenceId: icpc.id,
    });
    expect(early.errors).toEqual([
      { field: 'effectiveDate', message: expect.stringContaining('2027-01-26') },
    ]);
    await call('post', w.ecpp, `/cases/${id}/decisions`, 201, {
      type: 'start_child_protection_plan',
      rationale: RATIONALE.plan,
      childIds,
      effectiveDate: '2027-01-26',
      category: 'NEG',
      conferenceId: icpc.id,
    });
    const onPlan = await call(
      'get',
      w.practitioner,
      `/cases/${id}/timescales?asOf=2027-01-27`,
      200,
    );
    expect(onPlan.data).toEqual(
      expect.arrayContaining([
        // held 13 days after it was due: met_late, never plain met
        {
          kind: 'initial_cp_conference',
          dueDate: '2027-01-13',
          status: 'met_late',
          metAt: '2027-01-26',
          daysLate: 13,
        },
        { kind: 'review_cp_conference', dueDate: '2027-04-26', status: 'due' },
        { kind: 'core_group', dueDate: '2027-02-09', status: 'due' },
      ]),
    );

    // Core groups, visits (one missed: the next was late), review conference.
    for (const date of ['2027-02-08', '2027-03-05', '2027-04-01']) {
      await call('post', w.practitioner, `/cases/${id}/meetings`, 201, {
        kind: 'core_group',
        date,
      });
    }
    for (const date of ['2027-02-05', '2027-03-01']) {
      await call('post', w.practitioner, `/cases/${id}/visits`, 201, {
        childId: childIds[0],
        date,
        seenAlone: true,
      });
    }
    // The review conference, quorate and independently chaired, meets the review timescale.
    const review = await concludedConference(t, w, kase, {
      type: 'review',
      heldOn: '2027-04-08',
      plan: 'end',
    });
    const reviewed = await call('get', w.cpManager, `/cases/${id}/timescales?asOf=2027-04-09`, 200);
    expect(reviewed.data).toContainEqual({
      kind: 'review_cp_conference',
      dueDate: '2027-04-26',
      status: 'met',
      metAt: '2027-04-08',
    });
    const amaraVisits = (items: { kind: string; childId?: string }[]) =>
      items.filter((i) => i.kind === 'visit' && i.childId === childIds[0]);
    expect(amaraVisits(reviewed.data)).toEqual([
      {
        kind: 'visit',
        childId: childIds[0],
        dueDate: '2027-02-09',
        status: 'met',
        metAt: '2027-02-05',
      },
      // the visit due on 19 February was missed: the next one, on 1 March, was 10 days late
      {
        kind: 'visit',
        childId: childIds[0],
        dueDate: '2027-02-19',
        status: 'met_late',
        metAt: '2027-03-01',
        daysLate: 10,
      },
      // and none since: overdue
      { kind: 'visit', childId: childIds[0], dueDate: '2027-03-15', status: 'overdue' },
    ]);

    // Step down: the ECPP cannot end the plans alone (409); a quorate review conference,
    // independently chaired, decides the end → family_help, same lead practitioner.
    const alone = await call('post', w.ecpp, `/cases/${id}/decisions`, 409, {
      type: 'end_child_protection_plan',
      rationale: RATIONALE.stepDown,
      childIds,
      effectiveDate: '2027-04-08',
    });
    expect(alone.code).toBe('review_conference_required');
    const stepDown = await call('post', w.ecpp, `/cases/${id}/decisions`, 201, {
      type: 'end_child_protection_plan',
      rationale: RATIONALE.stepDown,
      childIds,
      effectiveDate: '2027-04-08',
      conferenceId: review.id,
    });
    expect(stepDown.caseStage).toBe('family_help');
    const after = await call('get', w.practitioner, `/cases/${id}`, 200);
    expect(after).toMatchObject({
      stage: 'family_help',
      leadPractitionerId: w.practitioner.id,
      teamId: w.fhTeam.id,
    });
    const concerns = await call('get', w.practitioner, `/cases/${id}/concerns`, 200);
    expect(concerns.data).toEqual([
      expect.objectContaining({
        id: concern.id,
        status: 'closed',
        closedByDecisionId: stepDown.id,
      }),
    ]);
    const decisions = await call('get', w.practitioner, `/cases/${id}/decisions`, 200);
    expect(decisions.data.map((d: { type: string }) => d.type)).toEqual([
      'start_section_47_enquiry',
      'convene_initial_cp_conference',
      'start_child_protection_plan',
      'end_child_protection_plan',
    ]);

    // Closed at the end of the episode: the episode's timescales stay listed as history.
    await closeWithAuthority(t, w, id, { reason: 'RC7', closedOn: TEST_TODAY });
    const history = await call('get', w.cpManager, `/cases/${id}/timescales`, 200);
    const ended = { endedOn: '2027-04-08' };
    expect(history.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'initial_cp_conference', status: 'met_late', ...ended }),
        expect.objectContaining({ kind: 'review_cp_conference', status: 'met', ...ended }),
        { kind: 'visit', childId: childIds[0], dueDate: '2027-03-15', status: 'overdue', ...ended },
      ]),
    );
    // nothing is outstanding on the closed case: every item belongs to an ended episode
    expect(history.data.filter((i: { endedOn?: string }) => !i.endedOn)).toEqual([]);
    expect(history.data).toContainEqual(
      expect.objectContaining({ kind: 'assessment', status: 'met', metAt: '2026-11-20' }),
    );

    const timeline = await call('get', w.manager, `/cases/${id}/timeline?limit=200`, 200);
    expect(timeline.data.map((e: { type: string }) => e.type)).toEqual([
      'case_created',
      'assessment_started',
      'assessment_completed',
      'assessment_authorised',
      'concern_raised',
      'decision_requested',
      'co_worker_assigned',
      'strategy_discussion_scheduled',
      'strategy_discussion_held',
      'strategy_discussion_concluded',
      'decision_recorded', // s47 citing the discussion
      'stage_changed', // → child_protection
      'decision_recorded', // ICPC convened
      'decision_challenged',
      'conference_scheduled', // ICPC, independent chair
      'conference_held',
      'conference_concluded', // outcome: plan start
      'decision_recorded', // CP plan
      'meeting_recorded', // core group
      'meeting_recorded', // core group
      'meeting_recorded', // core group
      'visit_recorded',
      'visit_recorded',
      'conference_scheduled', // review, independent chair
      'conference_held',
      'conference_concluded', // outcome: plan end
      'decision_recorded', // plan ended
      'stage_changed', // → family_help
      'concern_closed', // by the step-down
      'closure_proposed',
      'closure_authorised',
      'closure_agreed',
      'case_closed',
    ]);
  });
});
