/**
 * What each shipped scenario must show through the public API once loaded: stages, decisions,
 * timescale statuses, plans, and who sees what. One entry per file in seeds/scenarios/; the
 * scenario e2e test fails for a shipped scenario without a story here.
 */
import { addWorkingDays, compareDates, todayIso } from 'src/timescales/working-days';
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
  'family-help-only': async (u) => {
    const kase = await onlyCase(u.practitioner);
    expect(kase).toMatchObject({ stage: 'family_help', coWorkers: [], needsEcpp: false });
    expect(kase.leadPractitionerId).toBe(u.practitioner.id);
    const [assessment] = ofKind(await timescales(u.practitioner, kase.id), 'assessment');
    expect(assessment.status).toBe('met');
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
};
