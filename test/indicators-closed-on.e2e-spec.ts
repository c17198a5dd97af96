/**
 * The indicators and the evaluation extract read the day a case was closed as the manager gave
 * it (`closedOn`), not the day the closure was typed: a case closed before its assessment was
 * due is not counted (its episode ended first), however late the closure was recorded; one
 * closed after the due date, without the assessment, is overdue.
 */
import { addWorkingDays } from 'src/common/working-days';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { closeDb, seedCase } from './utils/cp.factories';

describe('indicators and the extract read closedOn, not the typed closure time', () => {
  let t: TestApp;
  let w: World;
  // Referred 2 March 2026: the assessment is due 45 working days later (early May 2026). Each
  // closure below is typed today (after the due date) and dated by closedOn.
  const referral = '2026-03-02';
  const due = addWorkingDays(referral, 45);
  let closedEarly: string;
  let closedLate: string;
  let lateClosedOn: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const close = async (closedOn: string) => {
      const kase = await seedCase(t, w, { referralDate: referral });
      await t
        .req()
        .post(`${API}/cases/${kase.caseId}/close`)
        .set(bearer(w.manager.token))
        .send({ reason: 'RC8', closedOn })
        .expect(200);
      return kase.caseId;
    };
    closedEarly = await close('2026-04-01'); // before the assessment was due
    lateClosedOn = addWorkingDays(due, 5);
    closedLate = await close(lateClosedOn); // after it, never assessed
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it.each(['cpManager', 'auditor'] as const)(
    '%s: the assessment timescale counts only the case closed after its due date (overdue)',
    async (who) => {
      const month = due.slice(0, 7);
      const res = await t
        .req()
        .get(`${API}/indicators?from=${month}-01&to=${addWorkingDays(due, 1)}`)
        .set(bearer(w[who].token))
        .expect(200);
      expect(res.body.indicators.timescale_assessment.total).toMatchObject({
        items: 1,
        overdue: 1,
        met: 0,
        metLate: 0,
      });
    },
  );

  it('cpManager: the drill-down lists the late-closed case only', async () => {
    const month = due.slice(0, 7);
    const res = await t
      .req()
      .get(
        `${API}/indicators/timescale_assessment/cases?from=${month}-01&to=${addWorkingDays(due, 1)}`,
      )
      .set(bearer(w.cpManager.token))
      .expect(200);
    const ids = (res.body.data as { caseId: string }[]).map((r) => r.caseId);
    expect(ids).toContain(closedLate);
    expect(ids).not.toContain(closedEarly);
  });

  it('auditor: the extract counts weeks open from the referral to closedOn', async () => {
    const res = await t
      .req()
      .post(`${API}/evaluation/extracts`)
      .set(bearer(w.auditor.token))
      .send({
        purpose: 'Evaluation of Family Help co-working, phase 1',
        lawfulBasis: 'uk_gdpr_6_1_e_public_task',
        from: '2026-03-01',
        to: '2026-03-31',
      })
      .expect(200);
    const [head, ...rows] = (res.body.episodes as string).split('\r\n').filter(Boolean);
    const col = head.split(',').indexOf('weeks_open');
    const weeks = rows.map((r) => Number(r.split(',')[col])).sort((a, b) => a - b);
    const days = (to: string) => (Date.parse(to) - Date.parse(referral)) / 86_400_000;
    expect(weeks).toEqual([Math.floor(days('2026-04-01') / 7), Math.floor(days(lateClosedOn) / 7)]);
  });
});
