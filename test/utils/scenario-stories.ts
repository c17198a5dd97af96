/**
 * What each shipped scenario must show through the public API once loaded: stages, decisions,
 * timescale statuses, plans, and who sees what. One entry per file in seeds/scenarios/; the
 * scenario e2e test fails for a shipped scenario without a story here.
 */
import { addWorkingDays, compareDates, todayIso } from 'src/common/working-days';
import type { TestApp } from './create-app';
import { API, bearer } from './factories';

export interface RunLogin {
  email: string;
  password: string;
}

interface Timescale {
  kind: string;
  childId?: string;
  dueDate: string;
  status: string;
  metAt?: string;
}

/** A logged-in scenario user: `get(path)` returns the body and asserts the status. */
export class As {
  private constructor(
    private readonly t: TestApp,
    readonly token: string,
    readonly id: string,
  ) {}

  static async login(t: TestApp, who: RunLogin): Promise<As> {
    const res = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: who.email, password: who.password });
    if (res.status !== 200) throw new Error(`login ${who.email}: ${res.status}`);
    return new As(t, res.body.accessToken as string, res.body.user.id as string);
  }

  async get<T = any>(path: string, status = 200): Promise<T> {
    const res = await this.t.req().get(`${API}${path}`).set(bearer(this.token));
    if (res.status !== status)
      throw new Error(
        `GET ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    return res.body as T;
  }

  /** A write as this user (what a trainee would try): returns the body, asserts the status. */
  async send<T = any>(
    method: 'post' | 'patch',
    path: string,
    body: object,
    status: number,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const r = this.t.req();
    const res = await r[method](`${API}${path}`).set(bearer(this.token)).set(headers).send(body);
    if (res.status !== status)
      throw new Error(
        `${method.toUpperCase()} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    return res.body as T;
  }
}

type Users = Record<string, As>;
type Story = (u: Users) => Promise<void>;

async function onlyCase(u: As) {
  const list = await u.get<{ data: { id: string }[] }>('/cases');
  expect(list.data).toHaveLength(1);
  return u.get(`/cases/${list.data[0].id}`);
}

/** The case's timescales (a plain array today; `{ data }` if it becomes a page). */
const timescales = async (u: As, caseId: string): Promise<Timescale[]> => {
  const body = await u.get<Timescale[] | { data: Timescale[] }>(`/cases/${caseId}/timescales`);
  return Array.isArray(body) ? body : body.data;
};
const ofKind = (items: Timescale[], kind: string) => items.filter((i) => i.kind === kind);
const decisionTypes = async (u: As, caseId: string) =>
  (await u.get<{ data: { type: string }[] }>(`/cases/${caseId}/decisions`)).data.map((d) => d.type);

/**
 * The training tests run the app on the real date (`TANDEM_TODAY` = today): some validators
 * (a plan review's date, a note's time) check the wall clock, so a scenario loaded "as at" the
 * suite's fixed future date could not record its recent past. See `TRAINING_APP_ENV`.
 */
const today = () => todayIso();

/** The app for training tests: its Clock on the real date, like a deployed service. */
export const TRAINING_APP_ENV = { TANDEM_TODAY: todayIso() };

export const STORIES: Record<string, Story> = {
  'grandmother-calls-twice': async (u) => {
    type Contact = {
      id: string;
      source: string;
      status: string;
      outcome: string | null;
      requiresManager: boolean;
      earlierContacts: number | null;
      caseId: string | null;
      timescale: { status: string };
    };
    const all = (await u['fd-worker'].get<{ data: Contact[] }>('/contacts')).data;
    expect(all).toHaveLength(3);
    const school = all.find((c) => c.source === '2A') as Contact;
    const [first, second] = all.filter((c) => c.source === '1B');
    expect(first).toMatchObject({
      status: 'feedback_sent',
      outcome: 'advice',
      timescale: { status: 'met' },
    });
    expect(second).toMatchObject({ status: 'received', timescale: { status: 'overdue' } });
    expect(school).toMatchObject({
      status: 'feedback_sent',
      outcome: 'strategy_discussion',
      requiresManager: true,
      earlierContacts: 2,
      timescale: { status: 'met' },
    });
    const overdue = await u['fd-worker'].get<{ data: Contact[] }>('/contacts?overdue=true');
    expect(overdue.data.map((c) => c.id)).toEqual([second.id]);
    const queue = await u['cp-manager'].get<{ data: Contact[] }>('/contacts');
    expect(queue.data.map((c) => c.id)).toEqual([school.id]);
    const mine = await u['school-dsl'].get<{ data: Record<string, unknown>[] }>(
      '/partner/contacts',
    );
    expect(mine.data).toEqual([
      expect.objectContaining({
        id: school.id,
        outcome: 'strategy_discussion',
        feedbackSummary: expect.any(String),
      }),
    ]);
    expect(mine.data[0]).not.toHaveProperty('caseId');
    await u['school-dsl'].get(`/cases/${school.caseId}`, 404);
    await u['school-dsl'].get(`/contacts/${second.id}`, 404);
    const timeline = await u.practitioner.get<{ data: { type: string }[] }>(
      `/cases/${school.caseId}/timeline`,
    );
    expect(timeline.data.map((e) => e.type)).toContain('contact_decided');
  },

  'family-help-only': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase).toMatchObject({ stage: 'family_help', coWorkers: [], needsEcpp: false });
    expect(kase.leadPractitionerId).toBe(u.practitioner.id);
    const [assessment] = ofKind(await timescales(u.practitioner, kase.id), 'assessment');
    expect(assessment.status).toBe('met');
    // Through the assessment routes: completed by the lead, authorised by the team's manager.
    const assessments = await u.practitioner.get(`/cases/${kase.id}/assessments`);
    expect(assessments.data).toEqual([
      expect.objectContaining({
        status: 'authorised',
        outcome: 'family_help_plan',
        authorisedById: u['fh-manager'].id,
      }),
    ]);
    const plan = await u.practitioner.get(`/cases/${kase.id}/family-help-plan`);
    expect(plan.goals).toHaveLength(3);
    expect(plan.reviews).toHaveLength(1);
    expect(compareDates(plan.nextReviewDate, today())).toBeGreaterThan(0);
    expect((await u['fh-manager'].get('/cases')).data).toHaveLength(1);
    await u.auditor.get('/cases', 403);
    await u.admin.get(`/cases/${kase.id}`, 403);
  },

  'escalation-to-cp': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase.stage).toBe('child_protection');
    expect(kase.leadPractitionerId).toBe(u.practitioner.id);
    expect(kase.coWorkers.map((w: { userId: string }) => w.userId)).toEqual([u.ecpp.id]);
    const decisions = await u.ecpp.get<{ data: any[] }>(`/cases/${kase.id}/decisions`);
    expect(decisions.data.map((d) => d.type)).toEqual([
      'start_section_47_enquiry',
      'convene_initial_cp_conference',
      'start_child_protection_plan',
    ]);
    expect(decisions.data[0].requestId).toEqual(expect.any(String));
    expect(decisions.data.every((d) => d.decidedById === u.ecpp.id)).toBe(true);
    const items = await timescales(u.ecpp, kase.id);
    expect(ofKind(items, 'initial_cp_conference').map((i) => i.status)).toEqual(['met']);
    expect(ofKind(items, 'core_group')[0].status).toBe('met');
    // Per child: two visits on time, then the next one overdue (the missed interval).
    for (const child of kase.childIds as string[])
      expect(
        ofKind(items, 'visit')
          .filter((v) => v.childId === child)
          .map((v) => v.status),
      ).toEqual(['met', 'met', 'overdue']);
    const overdue = await u['cp-manager'].get<{ data: { kind: string }[] }>('/timescales/overdue');
    expect(overdue.data.filter((i) => i.kind === 'visit')).toHaveLength(2);
    await u.admin.get(`/cases/${kase.id}`, 403);
    await u.auditor.get(`/cases/${kase.id}`, 403);
    const audit = await u.auditor.get<{ data: { action: string; actorId: string }[] }>(
      `/audit-events?recordId=${kase.id}`,
    );
    expect(audit.data).toContainEqual(
      expect.objectContaining({ action: 'case.create', actorId: u.practitioner.id }),
    );
  },

  'late-icpc': async (u) => {
    const kase = await onlyCase(u.ecpp);
    expect(kase.stage).toBe('child_protection');
    const decisions = await u.ecpp.get<{ data: any[] }>(`/cases/${kase.id}/decisions`);
    const s47 = decisions.data.find((d) => d.type === 'start_section_47_enquiry');
    const items = await timescales(u.ecpp, kase.id);
    const [icpc] = ofKind(items, 'initial_cp_conference');
    expect(icpc.dueDate).toBe(addWorkingDays(s47.strategyDiscussionDate, 15));
    expect(icpc.metAt).toBe(addWorkingDays(today(), -10));
    expect(compareDates(icpc.metAt as string, icpc.dueDate)).toBeGreaterThan(0);
    expect(icpc).toMatchObject({ status: 'met_late', daysLate: expect.any(Number) });
    expect(ofKind(items, 'core_group')[0].status).toBe('met');
    expect(ofKind(items, 'visit').map((v) => v.status)).toEqual(['met', 'met', 'due']);
    // Only the conference was late: nothing is overdue and nothing else was late.
    expect(items.filter((i) => i.status === 'overdue' || i.status === 'met_late')).toEqual([icpc]);
  },

  'step-down': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase.stage).toBe('family_help');
    expect(kase.leadPractitionerId).toBe(u.practitioner.id);
    expect(await decisionTypes(u.ecpp, kase.id)).toEqual([
      'start_section_47_enquiry',
      'convene_initial_cp_conference',
      'start_child_protection_plan',
      'end_child_protection_plan',
    ]);
    const items = await timescales(u.practitioner, kase.id);
    // The episode's timescales stay listed after step-down, all kept to time.
    expect(items.filter((i) => i.status === 'overdue' || i.status === 'met_late')).toEqual([]);
    expect(ofKind(items, 'initial_cp_conference').map((i) => i.status)).toEqual(['met']);
    expect(ofKind(items, 'visit').length).toBeGreaterThanOrEqual(10);
    expect(ofKind(items, 'review_cp_conference').map((i) => i.status)).toContain('met');
    const timeline = await u.practitioner.get<{ data: { type: string }[] }>(
      `/cases/${kase.id}/timeline?limit=200`,
    );
    expect(timeline.data.filter((e) => e.type === 'visit_recorded')).toHaveLength(10);
    const plan = await u.practitioner.get(`/cases/${kase.id}/family-help-plan`);
    expect(plan.reviews).toHaveLength(1);
  },

  'fgdm-kinship': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase.stage).toBe('child_protection');
    expect(kase.leadPractitionerId).toBe(u.practitioner.id);
    const meetings = (await u.practitioner.get<{ data: any[] }>(`/cases/${kase.id}/fgdm-meetings`))
      .data;
    expect(meetings).toHaveLength(1);
    const [fgdm] = meetings;
    expect(fgdm.attendees.familyMemberIds).toHaveLength(1);
    expect(fgdm.attendees.networkMemberIds).toHaveLength(3);
    expect(fgdm.familyPlanItems).toHaveLength(4);
    expect(fgdm.recordedById).toBe(u.practitioner.id);

    // Version 2 awaits the ECPP; version 1 (agreed by both) stays in force: the plan is active.
    const plans = (await u.ecpp.get<{ data: any[] }>(`/cases/${kase.id}/family-network-plans`))
      .data;
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan).toMatchObject({
      status: 'active',
      currentVersion: 2,
      agreedVersion: 1,
      requiredAgreements: ['family_help_manager', 'ecpp'],
      activatedAt: expect.any(String),
      endedAt: null,
    });
    expect([...plan.childIds].sort()).toEqual([...kase.childIds].sort());
    expect(plan.carers.map((c: any) => `${c.firstName} ${c.lastName}, ${c.relationship}`)).toEqual([
      'Sandra Penrose, maternal grandmother',
      'Leanne Cole, maternal aunt',
    ]);
    expect(plan.supportPackage.weeklyAllowance).toBe(19500);
    expect(plan.reviews).toHaveLength(1);
    expect(compareDates(plan.nextReviewDate, today())).toBeGreaterThan(0);
    // Everything on time: visits, core groups, the conference, the plan's first review.
    const items = await timescales(u.practitioner, kase.id);
    expect(items.filter((i) => i.status === 'overdue' || i.status === 'met_late')).toEqual([]);
    expect(ofKind(items, 'family_network_plan_review')[0]).toMatchObject({
      status: 'met',
      dueDate: addWorkingDays(today(), -4),
    });
    const versions = (
      await u.practitioner.get<{ data: any[] }>(`/family-network-plans/${plan.id}/versions`)
    ).data;
    expect(
      versions.map((v) => ({
        number: v.number,
        allowance: v.supportPackage.weeklyAllowance,
        agreed: Object.fromEntries(v.agreements.map((a: any) => [a.role, a.agreedById])),
      })),
    ).toEqual([
      {
        number: 1,
        allowance: 15000,
        agreed: { family_help_manager: u['fh-manager'].id, ecpp: u.ecpp.id },
      },
      { number: 2, allowance: 19500, agreed: { family_help_manager: u['fh-manager'].id } },
    ]);
    // The trainee's exercise: the ECPP's agreement completes version 2.
    const agreed = await u.ecpp.send(
      `post`,
      `/family-network-plans/${plan.id}/agreements`,
      {},
      201,
    );
    // Version 2 comes into force; the plan stays active (no second activation).
    expect(agreed).toMatchObject({ status: 'active', agreedVersion: 2 });

    // The school sees the plan shared with it by consent, and nothing else of the family.
    const shared = (await u['school-dsl'].get<{ data: any[] }>('/partner/shared')).data;
    expect(shared).toEqual([
      expect.objectContaining({
        recordType: 'family_network_plan',
        recordId: plan.id,
        lawfulBasis: 'consent',
      }),
    ]);
    expect(shared[0].children.map((c: any) => c.firstName).sort()).toEqual(['Alfie', 'Mia']);
    const seen = await u['school-dsl'].get(`/family-network-plans/${plan.id}`);
    expect(seen.id).toBe(plan.id);
    expect(seen.caseId).toBeUndefined();
    await u['school-dsl'].get(`/fgdm-meetings/${fgdm.id}`, 404);
    await u['school-dsl'].get(`/cases/${kase.id}`, 404);
    const records = await u.auditor.get<{ data: any[] }>(`/information-sharing?caseId=${kase.id}`);
    expect(records.data).toEqual([
      expect.objectContaining({
        recordId: plan.id,
        agency: 'education',
        lawfulBasis: 'consent',
        sharedById: u.practitioner.id,
        withUserId: u['school-dsl'].id,
        endedAt: null,
      }),
    ]);
  },

  'county-lines-safety-plan': async (u) => {
    const kase = await onlyCase(u.practitioner);
    // The safety plan runs alongside Family Help: no s47, the stage never changed.
    expect(kase.stage).toBe('family_help');
    expect(kase.coWorkers.map((w: { userId: string }) => w.userId)).toEqual([u.ecpp.id]);
    const decisions = (await u.ecpp.get<{ data: any[] }>(`/cases/${kase.id}/decisions`)).data;
    expect(decisions.map((d) => [d.type, d.decidedById])).toEqual([
      ['start_community_safety_plan', u.ecpp.id],
      ['no_further_action', u.ecpp.id],
    ]);
    const plans = (await u.ecpp.get<{ data: any[] }>(`/cases/${kase.id}/community-safety-plans`))
      .data;
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan).toMatchObject({
      status: 'active',
      harmTypes: ['criminal_exploitation'],
      child: { firstName: 'Tyler', lastName: 'Ashby' },
      startDecisionId: decisions[0].id,
      endedOn: null,
    });
    expect(plan.contexts).toHaveLength(3);
    const items = await timescales(u.practitioner, kase.id);
    expect(items.filter((i) => i.status === 'overdue' || i.status === 'met_late')).toEqual([]);
    expect(plan.reviews).toHaveLength(1);
    const tyler = plan.childId as string;
    const owner = (a: any) => a.ownerUserId;
    expect(
      plan.actions
        .map(
          (a: any) =>
            `${a.agency} ${a.status} ${owner(a) === u[a.agency === 'police' ? 'police' : a.agency === 'education' ? 'school-dsl' : 'practitioner'].id}`,
        )
        .sort(),
    ).toEqual([
      'education in_progress true',
      'police done true',
      'police open true',
      'social_care done true',
    ]);
    const partners = (
      await u.ecpp.get<{ data: any[] }>(`/community-safety-plans/${plan.id}/partners`)
    ).data;
    expect(partners.map((p) => [p.agency, p.lawfulBasis, p.withUserId, p.endedAt]).sort()).toEqual([
      ['education', 'children_act_2004_s11', u['school-dsl'].id, null],
      ['police', 'crime_and_disorder_act_1998_s115', u.police.id, null],
    ]);

    // Each partner sees the plan shared with it: Tyler only, no case, no decision.
    for (const who of ['police', 'school-dsl']) {
      const shared = (await u[who].get<{ data: any[] }>('/partner/shared')).data;
      expect(shared).toHaveLength(1);
      expect(shared[0]).toMatchObject({ recordType: 'community_safety_plan', recordId: plan.id });
      expect(shared[0].children.map((c: any) => c.id)).toEqual([tyler]);
      const seen = await u[who].get(`/community-safety-plans/${plan.id}`);
      expect(seen).toMatchObject({ id: plan.id, childId: tyler });
      expect(seen.caseId).toBeUndefined();
      expect(seen.startDecisionId).toBeUndefined();
      expect(JSON.stringify(seen)).not.toContain('Keira');
      await u[who].get(`/cases/${kase.id}`, 404);
    }
    // A partner updates its own agency's action, never another agency's.
    const anpr = plan.actions.find((a: any) => a.agency === 'police' && a.status === 'open');
    const school = plan.actions.find((a: any) => a.agency === 'education');
    const path = (a: any) => `/community-safety-plans/${plan.id}/actions/${a.id}`;
    const ifMatch = (a: any) => ({ 'If-Match': `"${a.version}"` });
    const updated = await u.police.send(
      'patch',
      path(anpr),
      { status: 'in_progress' },
      200,
      ifMatch(anpr),
    );
    expect(updated.status).toBe('in_progress');
    const refused = await u.police.send(
      'patch',
      path(school),
      { status: 'done' },
      403,
      ifMatch(school),
    );
    expect(refused).toMatchObject({ code: expect.any(String) });
    const after = await u.ecpp.get(`/community-safety-plans/${plan.id}`);
    expect(after.actions.find((a: any) => a.id === school.id).status).toBe('in_progress');
    expect(after.actions.find((a: any) => a.id === anpr.id).status).toBe('in_progress');
    // A partner not on the plan sees nothing of it.
    expect((await u.yot.get<{ data: any[] }>('/partner/shared')).data).toEqual([]);
    await u.yot.get(`/community-safety-plans/${plan.id}`, 404);
    const records = await u.auditor.get<{ data: any[] }>(`/information-sharing?childId=${tyler}`);
    expect(records.data.map((r) => r.agency).sort()).toEqual(['education', 'police']);
  },

  disagreement: async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase.stage).toBe('family_help');
    expect(kase.needsEcpp).toBe(false);
    const decisions = await u.ecpp.get<{ data: any[] }>(`/cases/${kase.id}/decisions`);
    expect(decisions.data).toHaveLength(1);
    const [nfa] = decisions.data;
    expect(nfa).toMatchObject({ type: 'no_further_action', supersededById: null });
    expect(nfa.requestId).toEqual(expect.any(String));
    expect(nfa.challenges).toHaveLength(1);
    expect(nfa.challenges[0].view).toMatch(/^I disagree/);
    const concerns = await u.practitioner.get<{ data: any[] }>(`/cases/${kase.id}/concerns`);
    expect(concerns.data.map((c) => c.closedByDecisionId)).toEqual([nfa.id]);
  },
  /** The nursery bruise (docs/multi-agency.md): requests, the GP overdue at the discussion, a
   * joint s47 citing its discussion; each partner sees only its own request. */
  'nursery-bruise': async (u) => {
    const kase = await onlyCase(u.ecpp);
    expect(kase.stage).toBe('child_protection');
    const [discussion] = (await u.ecpp.get(`/cases/${kase.id}/strategy-discussions`)).data;
    expect(discussion).toMatchObject({
      status: 'concluded',
      outcome: { s47: 'joint_with_police' },
      missingAgencies: [],
    });
    const s47 = (await u.ecpp.get(`/cases/${kase.id}/decisions`)).data[0];
    expect(s47).toMatchObject({
      type: 'start_section_47_enquiry',
      strategyDiscussionId: discussion.id,
      strategyDiscussionDate: discussion.heldOn,
    });
    const [icpc] = ofKind(await timescales(u.ecpp, kase.id), 'initial_cp_conference');
    expect(icpc.dueDate).toBe(addWorkingDays(discussion.heldOn, 15));
    const overdue = await u['cp-manager'].get('/information-requests?status=overdue');
    expect(overdue.data).toHaveLength(1);
    expect(overdue.data[0]).toMatchObject({ recipientUserId: u.gp.id, overdue: true });
    const gpInbox = await u.gp.get('/information-requests?status=overdue&mine=true');
    expect(gpInbox.data.map((r: { id: string }) => r.id)).toEqual([overdue.data[0].id]);
    const nurseryInbox = await u.nursery.get('/information-requests');
    expect(nurseryInbox.data).toHaveLength(1);
    expect(nurseryInbox.data[0]).not.toHaveProperty('caseId');
    await u.nursery.get(`/information-requests/${overdue.data[0].id}`, 404);
    await u.nursery.get(`/cases/${kase.id}`, 404);
    await u.police.get(`/cases/${kase.id}`);
  },
  /** Before proceedings (docs/before-proceedings.md): offers to both PR holders, the mother's
   * accepted and the father's timed out; a step-down to child protection at week 14; each
   * coordinator reads only their own referral. (Per role: test/scenario-before-proceedings.) */
  'fgdm-kinship-pre-proceedings': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase.stage).toBe('child_protection');
    expect(await decisionTypes(u.ecpp, kase.id)).toEqual(
      expect.arrayContaining(['initiate_pre_proceedings', 'end_pre_proceedings']),
    );
    const bp = await u.practitioner.get(`/cases/${kase.id}/before-proceedings`);
    expect(bp.offers.map((o: any) => o.status).sort()).toEqual(['accepted', 'timed_out']);
    expect(bp.duty).toMatchObject({ offersMissing: [], gaps: [] });
    const mine = await u.coordinator.get('/fgdm-referrals?mine=true');
    expect(mine.data).toEqual([expect.objectContaining({ status: 'family_plan_agreed' })]);
    await u['coordinator-2'].get(`/fgdm-referrals/${mine.data[0].id}`, 404);
  },
  /** An urgent application for a newborn, the FGDM offer exempted by a service manager. */
  'urgent-newborn': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase.stage).toBe('family_help');
    expect(await decisionTypes(u.ecpp, kase.id)).toEqual(
      expect.arrayContaining(['apply_for_care_proceedings', 'conclude_care_proceedings']),
    );
    const bp = await u.practitioner.get(`/cases/${kase.id}/before-proceedings`);
    expect(bp.exemptions).toEqual([
      expect.objectContaining({
        scope: 'offer',
        proposedById: u.ecpp.id,
        authorisedById: u['service-manager'].id,
      }),
    ]);
    expect(bp.offers).toEqual([]);
    await u.practitioner.send(
      'post',
      `/fgdm-exemptions/${bp.exemptions[0].id}/authorisation`,
      {},
      403,
    );
  },
};
