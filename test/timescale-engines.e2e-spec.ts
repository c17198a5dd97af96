/**
 * The timescale rules exist twice: in TypeScript (`src/timescales/timescale-rules.ts`, behind
 * `GET /cases/:id/timescales`) and in the database's maintained indicator facts (PL/pgSQL and
 * SQL, behind `GET /indicators/timescale_<kind>/cases`). This test generates case histories with
 * fast-check — a referral and its assessment, a section 47 enquiry with its initial conference,
 * a plan with core groups, reviews and visits, a step-down or no further action, a closure, care
 * proceedings (a letter, review meetings, an application issued later, a conclusion, or the
 * legacy rows without an issue date), a Family Network Plan with its reviews — writes each into the tables both engines
 * read, and requires the two engines to list the same items with the same due dates, statuses
 * and days late, for every timescale kind.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { TIMESCALE_KINDS } from 'src/case-history/timescale-rules';
import { addDays, compareDates } from 'src/common/working-days';
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { closeDb, db, RATIONALE, seedCase, SeededCase } from './utils/cp.factories';

const FROM = '2025-06-01';
const BASE = '2026-01-05';

interface History {
  referral: number;
  assessment: number | null;
  path: 'none' | 'cp' | 'care_proceedings';
  toConcern: number;
  toStrategy: number;
  strategyBefore: number;
  toConference: number;
  icpcHeld: number | null;
  planned: boolean;
  meetings: { kind: 'review_cp_conference' | 'core_group'; day: number }[];
  visits: { day: number; alone: boolean }[];
  stepDown: number | null;
  closeAfter: number | null;
  /** The closure was typed this many days after the `closedOn` it gave (a closure recorded late:
   * `closed_at` and the event's time are the typing day, as the app writes them). */
  closeTypedAfter: number;
  toProceedings: number;
  /** Still in child protection: into pre-proceedings the day before, and out (end_pre_proceedings). */
  leavePre: number | null;
  /** In care proceedings: concluded this many days after the application was issued. */
  conclude: number | null;
  /** Pre-proceedings lasted this long (days, capped by the path) before it ended. */
  preLen: number;
  /** Care proceedings came out of pre-proceedings (an application ends it). */
  viaPre: boolean;
  /** The letter before proceedings, this many days into pre-proceedings (capped); null: none. */
  letter: number | null;
  /** A pre-proceedings review meeting this many days after the letter. */
  review: number | null;
  /** The court issued the application this many days after the decision; null: a legacy
   * application recorded without an issue date (no detail row). */
  issuedAfter: number | null;
  /** `concludedOn` this many days before the conclusion was recorded; null: no detail row. */
  concludedBefore: number | null;
  fnp: { reviews: { gap: number; late: number | null }[] } | null;
  asOfAfter: number;
}

const histories: fc.Arbitrary<History> = fc.record({
  referral: fc.integer({ min: 0, max: 250 }),
  assessment: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  path: fc.constantFrom('none' as const, 'cp' as const, 'cp' as const, 'care_proceedings' as const),
  toConcern: fc.integer({ min: 0, max: 40 }),
  toStrategy: fc.integer({ min: 0, max: 10 }),
  strategyBefore: fc.integer({ min: 0, max: 2 }),
  toConference: fc.integer({ min: 1, max: 30 }),
  icpcHeld: fc.option(fc.integer({ min: -3, max: 6 }), { nil: null }),
  planned: fc.boolean(),
  meetings: fc.array(
    fc.record({
      kind: fc.constantFrom('review_cp_conference' as const, 'core_group' as const),
      day: fc.integer({ min: 1, max: 200 }),
    }),
    { maxLength: 6 },
  ),
  visits: fc.array(fc.record({ day: fc.integer({ min: 0, max: 200 }), alone: fc.boolean() }), {
    maxLength: 6,
  }),
  stepDown: fc.option(fc.integer({ min: 1, max: 220 }), { nil: null }),
  closeAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  closeTypedAfter: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 30 }), weight: 1 },
  ),
  toProceedings: fc.integer({ min: 0, max: 60 }),
  // Rarer than not, so open proceedings and open child protection stay common.
  leavePre: fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    { arbitrary: fc.integer({ min: 2, max: 200 }), weight: 1 },
  ),
  conclude: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 260 }), weight: 2 },
  ),
  preLen: fc.integer({ min: 1, max: 150 }),
  viaPre: fc.boolean(),
  letter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null, freq: 4 }),
  review: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
  issuedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null, freq: 4 }),
  concludedBefore: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null, freq: 4 }),
  fnp: fc.option(
    fc.record({
      reviews: fc.array(
        fc.record({
          gap: fc.integer({ min: 10, max: 60 }),
          late: fc.option(fc.integer({ min: -5, max: 10 }), { nil: null }),
        }),
        { maxLength: 3 },
      ),
    }),
    { nil: null },
  ),
  asOfAfter: fc.integer({ min: 0, max: 120 }),
});

interface Item {
  date: string;
  status: string;
  daysLate: number | null;
}
const order = (a: Item, b: Item) =>
  compareDates(a.date, b.date) || a.status.localeCompare(b.status);

describe('the TypeScript timescales and the database indicator facts agree (fast-check)', () => {
  let t: TestApp;
  let w: World;
  let c: Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    c = await db(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const decision = (
    k: SeededCase,
    type: string,
    on: string,
    extra: Record<string, unknown> = {},
  ) => {
    const cols = ['case_id', 'local_authority_id', 'type', 'rationale', 'child_ids'];
    const vals: unknown[] = [k.caseId, w.la.id, type, RATIONALE, k.childIds];
    cols.push('effective_date', 'decided_by_id', ...Object.keys(extra));
    vals.push(on, w.ecpp.id, ...Object.values(extra));
    // Recorded on the day it took effect, as a practitioner would (the history is replayed in
    // the order things were recorded).
    return c
      .query(
        `INSERT INTO decision (${cols.join(', ')}, created_at)
         VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')},
                 ($${cols.length + 1}::date + time '11:00') AT TIME ZONE 'Europe/London')
         RETURNING id`,
        [...vals, on],
      )
      .then((r) => r.rows[0].id as string);
  };
  const detail = (k: SeededCase, decisionId: string, cols: Record<string, unknown>) =>
    c.query(
      `INSERT INTO proceedings_decision_detail (decision_id, case_id, local_authority_id,
                                                ${Object.keys(cols).join(', ')})
       VALUES ($1, $2, $3, ${Object.keys(cols).map((_, i) => `$${i + 4}`)})`,
      [decisionId, k.caseId, w.la.id, ...Object.values(cols)],
    );
  /** Pre-proceedings from `start` (at most `until`): its letter and meetings, as recorded. */
  const preProceedings = async (
    k: SeededCase,
    h: History,
    start: string,
    until: string,
    at: (d: string) => string,
  ) => {
    await decision(k, 'initiate_pre_proceedings', at(start));
    if (h.letter === null) return;
    const room = Math.max(0, Math.round((Date.parse(until) - Date.parse(start)) / 86_400_000));
    const sent = at(addDays(start, Math.min(h.letter, room)));
    await c.query(
      `INSERT INTO letter_before_proceedings (case_id, local_authority_id,
                                              pre_proceedings_started_on, sent_on, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [k.caseId, w.la.id, start, sent, w.ecpp.id],
    );
    const preMeeting = (kind: string, on: string) =>
      c.query(
        `INSERT INTO pre_proceedings_meeting (case_id, local_authority_id, kind, held_on,
                                              attendees, parents_represented, recorded_by_id)
         VALUES ($1, $2, $3, $4, '{Mother}', true, $5)`,
        [k.caseId, w.la.id, kind, at(on), w.ecpp.id],
      );
    // The initial meeting is no review; a review after the end no longer counts.
    await preMeeting('initial', sent);
    if (h.review !== null) await preMeeting('review', addDays(sent, h.review));
  };
  const meeting = (k: SeededCase, kind: string, on: string) =>
    c.query(
      `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [k.caseId, w.la.id, kind, on, w.ecpp.id],
    );
  const event = (
    k: SeededCase,
    type: string,
    on: string,
    data: object,
    record?: [string, string],
  ) =>
    c.query(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary,
                               at, data, record_type, record_id)
       VALUES ($1, $2, $3, $4, 'user', $3, ($5::date + time '12:00') AT TIME ZONE 'Europe/London',
               $6, $7, $8)`,
      [k.caseId, w.la.id, type, w.manager.id, on, data, record?.[0] ?? null, record?.[1] ?? null],
    );

  /**
   * Closes the case as `POST /cases/:id/close` does (`CaseLifecycleService.writeClose`): the
   * case row, its open episode (`case_episode`, with the `closedOn` the practitioner gave, which
   * the indicator facts read) and the `case_closed` timeline event (which the case's own
   * timescales read), typed on `typedOn`, in one transaction as the service does (the indicator
   * facts are refreshed at commit, from all three).
   */
  const close = async (k: SeededCase, closedOn: string, typedOn: string, stageBefore: string) => {
    const reason = 'RC7';
    await c.query('BEGIN');
    await c.query(
      `UPDATE case_record SET stage = 'closed', closure_reason = $3,
              closed_at = ($2::date + time '12:00') AT TIME ZONE 'Europe/London' WHERE id = $1`,
      [k.caseId, typedOn, reason],
    );
    await c.query(
      `UPDATE case_episode SET closed = true, closed_on = $2, closure_reason = $3
        WHERE case_id = $1 AND NOT closed`,
      [k.caseId, closedOn, reason],
    );
    await event(k, 'case_closed', typedOn, { reason, stageBefore, closedOn }, ['case', k.caseId]);
    await c.query('COMMIT');
  };

  /** Writes the history into the tables both engines read; returns the as-of date. */
  async function write(h: History): Promise<{ k: SeededCase; asOf: string }> {
    const referral = addDays(BASE, h.referral);
    const k = await seedCase(t, w, { referralDate: referral });
    const dates: string[] = [referral];
    const at = (d: string) => (dates.push(d), d);
    if (h.assessment !== null) {
      await c.query(`UPDATE case_record SET assessment_completed_at = $2 WHERE id = $1`, [
        k.caseId,
        at(addDays(referral, h.assessment)),
      ]);
    }
    let stage = 'family_help';
    let last = referral;
    if (h.path === 'cp') {
      const concern = at(addDays(referral, h.toConcern));
      await c.query(
        `INSERT INTO case_concern (case_id, local_authority_id, raised_by_id, child_ids, summary,
                                   raised_at, raised_on)
         VALUES ($1, $2, $3, $4, 'Concern', ($5::date + time '10:00') AT TIME ZONE 'Europe/London', $5)`,
        [k.caseId, w.la.id, w.practitioner.id, k.childIds, concern],
      );
      const s47 = at(addDays(concern, h.toStrategy + h.strategyBefore));
      const strategy = addDays(s47, -h.strategyBefore);
      await decision(k, 'start_section_47_enquiry', s47, { strategy_discussion_date: strategy });
      const conference = addDays(s47, h.toConference);
      await decision(k, 'convene_initial_cp_conference', s47, { conference_date: conference });
      stage = 'child_protection';
      last = s47;
      const after = (d: number) => addDays(conference, d);
      // Without a plan, pre-proceedings may end before the initial conference falls due.
      const leaveOn =
        h.stepDown === null && h.leavePre !== null
          ? addDays(h.planned ? conference : s47, h.leavePre)
          : null;
      const end = h.stepDown === null ? leaveOn : after(h.stepDown);
      const within = (d: string) => end === null || compareDates(d, end) <= 0;
      if (h.icpcHeld !== null) {
        // A plan starts at the conference that decided it: that conference was held that day.
        const held = h.planned ? conference : addDays(conference, h.icpcHeld);
        if (compareDates(held, s47) >= 0 && within(held))
          await meeting(k, 'initial_cp_conference', at(held));
      }
      if (h.planned) {
        await decision(k, 'start_child_protection_plan', at(conference), { category: 'NEG' });
        last = conference;
      }
      for (const m of h.meetings)
        if (within(after(m.day))) await meeting(k, m.kind, at(after(m.day)));
      for (const v of h.visits)
        if (within(after(v.day)))
          await c.query(
            `INSERT INTO case_visit (case_id, local_authority_id, child_id, visited_on, seen_alone,
                                     recorded_by_id)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [k.caseId, w.la.id, k.childIds[0], at(after(v.day)), v.alone, w.practitioner.id],
          );
      if (leaveOn !== null) {
        // Pre-proceedings that end without an application: back to child protection while
        // the child is on a plan, else Family Help (the episode ends).
        const room = Math.max(1, Math.min(h.preLen, (h.leavePre ?? 2) - 1));
        await preProceedings(k, h, addDays(leaveOn, -room), leaveOn, at);
        await decision(k, 'end_pre_proceedings', at(leaveOn));
        stage = h.planned ? 'child_protection' : 'family_help';
        last = leaveOn;
      } else if (end !== null) {
        await decision(k, h.planned ? 'end_child_protection_plan' : 'no_further_action', at(end));
        stage = 'family_help';
        last = end;
      }
    } else if (h.path === 'care_proceedings') {
      last = at(addDays(referral, h.toProceedings));
      if (h.viaPre) {
        // Pre-proceedings first; the application ends it.
        const start = last;
        last = at(addDays(start, h.preLen));
        await preProceedings(k, h, start, last, at);
      }
      const applied = await decision(k, 'apply_for_care_proceedings', last);
      const issued = addDays(last, h.issuedAfter ?? 0);
      if (h.issuedAfter !== null)
        await detail(k, applied, { issued_on: at(issued), court: 'Family Court at Leeds' });
      stage = 'care_proceedings';
      if (h.conclude !== null) {
        last = at(addDays(issued, h.conclude));
        const concluded = await decision(k, 'conclude_care_proceedings', last);
        if (h.concludedBefore !== null) {
          const back = addDays(last, -h.concludedBefore);
          await detail(k, concluded, {
            concluded_on: compareDates(back, issued) < 0 ? issued : back,
            orders: ['care_order'],
          });
        }
        stage = 'family_help';
      }
    }
    if (h.fnp) {
      const agreedOn = at(addDays(referral, 5));
      let due = addDays(agreedOn, 28);
      const plan = await c.query(
        `INSERT INTO family_network_plan (case_id, local_authority_id, status, child_ids,
                                          next_review_date, created_by_id)
         VALUES ($1, $2, 'active', $3, $4, $5) RETURNING id`,
        [k.caseId, w.la.id, k.childIds, due, w.practitioner.id],
      );
      const planId: string = plan.rows[0].id;
      await event(k, 'family_network_plan_agreed', agreedOn, {}, ['family_network_plan', planId]);
      for (const r of h.fnp.reviews) {
        if (r.late === null) break;
        const reviewed = at(addDays(due, r.late));
        const next = addDays(reviewed, r.gap);
        await c.query(
          `INSERT INTO family_network_plan_review (plan_id, due_date, reviewed_on, summary,
                                                   next_review_date, recorded_by_id)
           VALUES ($1, $2, $3, 'Reviewed', $4, $5)`,
          [planId, due, reviewed, next, w.practitioner.id],
        );
        await c.query(`UPDATE family_network_plan SET next_review_date = $2 WHERE id = $1`, [
          planId,
          next,
        ]);
        due = next;
      }
    }
    if (h.closeAfter !== null && stage === 'family_help') {
      const latest = [...dates].sort(compareDates)[dates.length - 1];
      const closedOn = at(addDays(compareDates(latest, last) > 0 ? latest : last, h.closeAfter));
      await close(k, closedOn, addDays(closedOn, h.closeTypedAfter), 'family_help');
    } else if (stage !== 'family_help') {
      await c.query(`UPDATE case_record SET stage = $2 WHERE id = $1`, [k.caseId, stage]);
    }
    const latest = [...dates].sort(compareDates)[dates.length - 1];
    const asOf = addDays(latest, h.asOfAfter);
    return { k, asOf: compareDates(asOf, TEST_TODAY) > 0 ? TEST_TODAY : asOf };
  }

  async function drillDown(kind: string, caseId: string, asOf: string): Promise<Item[]> {
    const out: Item[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `from=${FROM}&to=${asOf}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await t
        .req()
        .get(`${API}/indicators/timescale_${kind}/cases?${q}`)
        .set(bearer(w.cpManager.token))
        .expect(200);
      for (const row of r.body.data as {
        caseId: string;
        date: string;
        values: { status: string; daysLate: number | null };
      }[])
        if (row.caseId === caseId)
          out.push({ date: row.date, status: row.values.status, daysLate: row.values.daysLate });
      cursor = r.body.nextCursor;
    } while (cursor);
    return out.sort(order);
  }

  it('every timescale kind: the same items, due dates, statuses and days late in both engines', async () => {
    const kindsSeen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(histories, async (h) => {
        const { k, asOf } = await write(h);
        const own = await t
          .req()
          .get(`${API}/cases/${k.caseId}/timescales?asOf=${asOf}`)
          .set(bearer(w.cpManager.token))
          .expect(200);
        const items = own.body.data as {
          kind: string;
          dueDate: string;
          status: string;
          daysLate?: number;
        }[];
        for (const kind of TIMESCALE_KINDS) {
          const ts = items
            .filter((x) => x.kind === kind && x.dueDate >= FROM && x.dueDate <= asOf)
            .map((x) => ({ date: x.dueDate, status: x.status, daysLate: x.daysLate ?? null }))
            .sort(order);
          if (ts.length) kindsSeen.add(kind);
          expect({ kind, asOf, items: await drillDown(kind, k.caseId, asOf) }).toEqual({
            kind,
            asOf,
            items: ts,
          });
        }
      }),
      {
        numRuns: Number(process.env.TIMESCALE_ENGINE_RUNS ?? 40),
        seed: Number(process.env.TIMESCALE_ENGINE_SEED ?? 20261206),
      },
    );
    // The generator reaches every kind (otherwise the comparison proves nothing for it).
    expect([...kindsSeen].sort()).toEqual([...TIMESCALE_KINDS].sort());
  }, 300_000);
});
