import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { episodeRow } from 'test/fixtures/export-rows';
import { upnCheckLetter } from 'src/families/upn';
import { addDays, isWorkingDay, type IsoDate } from 'src/timescales/working-days';
import { episodeOf, type EpisodeRow } from './child-facts';
import { censusChild as censusModel, censusYear, type CensusChild } from './census-model';
import { CENSUS_CLOSING, censusChildXml, censusOpening } from './cin-census';
import { checkCensus } from './cin-rules';

/**
 * Census returns of generated histories raise no DfE ERROR. Each child's history follows the
 * rules Tandem enforces at entry (dates in order and not in the future, one open episode per
 * case, a plan only from a conference, closure only with nothing open): 1-3 episodes, each a
 * referral with no further action, an assessment closed RC8, Family Help, an enquiry ending in
 * no further action, or a child protection plan after an initial conference (on time or late),
 * with reviews, categories including MUL, and reopenings. QUICK=1 runs fewer cases.
 */
const RUNS = process.env.QUICK ? 60 : 400;
const YEAR = 2027;
const Y = censusYear(YEAR);
const TODAY = '2027-06-30';

const nextWorkingDay = (d: string): string => {
  let x = d as IsoDate;
  while (!isWorkingDay(x)) x = addDays(x, 1);
  return x;
};
const plus = (d: string, n: number) => addDays(d as IsoDate, n) as string;
const dec = (
  type: string,
  date: string,
  category: string | null = null,
  sd: string | null = null,
) => ({
  type,
  date,
  category,
  strategyDiscussionDate: sd,
  conferenceDate: null,
});

type Journey = 'referral_nfa' | 'assessment_nfa' | 'family_help' | 's47_nfa' | 'cp_plan';

const episodeArb = fc.record({
  journey: fc.constantFrom<Journey>(
    'referral_nfa',
    'assessment_nfa',
    'family_help',
    's47_nfa',
    'cp_plan',
  ),
  gap: fc.integer({ min: 1, max: 120 }), // days after the previous closure
  assessmentDays: fc.integer({ min: 5, max: 60 }),
  authoriseAfter: fc.integer({ min: 0, max: 10 }),
  s47After: fc.integer({ min: 0, max: 30 }),
  icpcAfter: fc.integer({ min: 5, max: 40 }), // late when past 15 working days
  category: fc.constantFrom('NEG', 'PHY', 'EMO', 'SAB', 'MUL'),
  reviews: fc.integer({ min: 0, max: 3 }),
  planEnds: fc.boolean(),
  closes: fc.boolean(),
  closeAfter: fc.integer({ min: 1, max: 60 }),
  factors: fc.subarray(['1B', '2B', '3A', '3B', '4B', '16A', '17A', '24A'], { minLength: 1 }),
  need: fc.constantFrom('N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9'),
  // The Family Help plan: days after the assessment's authorisation (before, on or after a
  // step-up), or none.
  planAfter: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
});

const childArb = fc.record({
  id: fc.uuid(),
  laId: fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
  unborn: fc.boolean(),
  dobOffset: fc.integer({ min: 200, max: 6000 }), // days before the first referral
  edobOffset: fc.integer({ min: 30, max: 270 }), // days after it (within 40 weeks)
  sex: fc.constantFrom('M', 'F', 'U'),
  ethnicity: fc.constantFrom('WBRI', 'AIND', 'MWBC', 'BCRB', 'OOTH', 'NOBT', 'REFU'),
  disabilities: fc.oneof(
    fc.constant<string[]>(['NONE']),
    fc.subarray(['MOB', 'COMM', 'LD', 'AUT', 'BEH', 'VIS'], { minLength: 1 }),
  ),
  upnTail: fc.option(fc.stringMatching(/^[0-9]{12}$/), { nil: null }),
  firstReferral: fc.integer({ min: 0, max: 700 }), // days after 2025-06-01
  episodes: fc.array(episodeArb, { minLength: 1, maxLength: 3 }),
});

type GenChild = typeof childArb extends fc.Arbitrary<infer T> ? T : never;

/** The export rows of one generated child (only as far as TODAY: nothing in the future). */
function history(g: GenChild): EpisodeRow[] {
  const first = plus('2025-06-01', g.firstReferral);
  const base = {
    personId: g.id,
    laPersonId: g.laId,
    dateOfBirth: g.unborn ? null : plus(first, -g.dobOffset),
    expectedDateOfBirth: g.unborn ? plus(first, g.edobOffset) : null,
    sex: g.sex,
    ethnicity: g.ethnicity,
    disabilities: g.disabilities,
    upn: g.upnTail ? `${upnCheckLetter(g.upnTail)}${g.upnTail}` : null,
    upnUnknownReason: g.upnTail ? null : 'UN1',
  };
  const rows: EpisodeRow[] = [];
  const planStarts: string[] = [];
  let referral = first;
  for (const [i, e] of g.episodes.entries()) {
    if (referral > TODAY) break;
    const last = i === g.episodes.length - 1;
    const decisions: EpisodeRow['decisions'] = [];
    const meetings: EpisodeRow['meetings'] = [];
    const assessments: EpisodeRow['assessments'] = [];
    let end = referral; // the last thing that happened
    if (e.journey !== 'referral_nfa') {
      const started = plus(referral, 1);
      const completed = plus(started, e.assessmentDays);
      const authorised = plus(completed, e.authoriseAfter);
      if (authorised <= TODAY) {
        assessments.push({
          startedOn: started,
          completedOn: completed,
          authorisedOn: authorised,
          factors: e.journey === 'assessment_nfa' ? ['21'] : e.factors,
          primaryNeed: e.need,
        });
        end = authorised;
      } else {
        assessments.push({
          startedOn: started,
          completedOn: null,
          authorisedOn: null,
          factors: null,
          primaryNeed: null,
        });
        end = started;
      }
    }
    if ((e.journey === 's47_nfa' || e.journey === 'cp_plan') && assessments[0]?.authorisedOn) {
      const s47 = plus(end, e.s47After);
      if (s47 <= TODAY) {
        decisions.push(dec('start_section_47_enquiry', s47, null, s47));
        end = s47;
        if (e.journey === 's47_nfa') {
          const nfa = plus(s47, 10);
          if (nfa <= TODAY) {
            decisions.push(dec('no_further_action', nfa));
            end = nfa;
          }
        } else {
          const icpc = nextWorkingDay(plus(s47, e.icpcAfter));
          if (icpc <= TODAY) {
            meetings.push({ kind: 'initial_cp_conference', date: icpc });
            decisions.push(dec('start_child_protection_plan', icpc, e.category));
            planStarts.push(icpc);
            end = icpc;
            let review = icpc;
            for (let r = 0; r < e.reviews; r++) {
              const next = nextWorkingDay(plus(review, r === 0 ? 85 : 170));
              if (next > TODAY) break;
              meetings.push({ kind: 'review_cp_conference', date: next });
              review = next;
              end = next;
            }
            const planEnd = plus(end, 1);
            if ((e.planEnds || !last) && planEnd <= TODAY) {
              decisions.push(dec('end_child_protection_plan', planEnd));
              end = planEnd;
            }
          }
        }
      }
    }
    const authorisedOn = assessments[0]?.authorisedOn;
    const planStart =
      e.journey !== 'referral_nfa' &&
      e.journey !== 'assessment_nfa' &&
      authorisedOn &&
      e.planAfter !== null
        ? plus(authorisedOn, e.planAfter)
        : null;
    const cinPlanStartedOn = planStart && planStart <= TODAY ? planStart : null;
    if (cinPlanStartedOn && cinPlanStartedOn > end) end = cinPlanStartedOn; // closing waits for it
    const planOpen =
      decisions.some((d) => d.type === 'start_child_protection_plan') &&
      !decisions.some((d) => d.type === 'end_child_protection_plan');
    const s47Open =
      decisions.some((d) => d.type === 'start_section_47_enquiry') &&
      !decisions.some((d) => d.type !== 'start_section_47_enquiry');
    const assessing = assessments.some((a) => !a.authorisedOn);
    const closedOn = plus(end, e.closeAfter);
    const closes = (e.closes || !last) && !planOpen && !s47Open && !assessing && closedOn <= TODAY;
    const reason = e.journey === 'referral_nfa' || e.journey === 'assessment_nfa' ? 'RC8' : 'RC7';
    rows.push(
      episodeRow({
        ...base,
        caseId: 'c',
        seq: i + 1,
        referralDate: referral,
        referralSource: i === 0 ? '1A' : '2A',
        closed: closes,
        closedOn: closes ? closedOn : null,
        closureReason: closes ? reason : null,
        primaryNeed: closes && e.journey !== 'referral_nfa' ? e.need : null,
        cinPlanStartedOn,
        decisions,
        meetings,
        assessments,
      }),
    );
    if (!closes) break; // a case reopens only once closed
    referral = plus(closedOn, e.gap);
  }
  return rows.map((r) => ({ ...r, cpPlanStarts: planStarts }));
}

/** The census children of generated histories with an episode open in the year. */
function census(gs: GenChild[]): CensusChild[] {
  // Distinct children: distinct LA ids and UPNs (Tandem's person records are distinct people).
  const seen = new Set<string>();
  const fresh = (k: string | null) => !k || (!seen.has(k) && !!seen.add(k));
  return gs
    .filter((g) => fresh(`id:${g.laId.toLowerCase()}`) && fresh(g.upnTail && `upn:${g.upnTail}`))
    .map((g) =>
      history(g).filter(
        (r) => r.referralDate <= Y.end && (!r.closed || (r.closedOn as string) >= Y.start),
      ),
    )
    .filter((rows) => rows.length > 0)
    .map((rows) => censusModel(rows.map(episodeOf), Y));
}

describe('DfE CIN rules over census returns of generated histories', () => {
  it('no ERROR rule fires for any child (reopened cases, late ICPCs, NFA after assessment, MUL plans)', () => {
    fc.assert(
      fc.property(fc.array(childArb, { minLength: 1, maxLength: 8 }), (gs) => {
        const children = census(gs);
        const errors = checkCensus(children, Y).filter((i) => i.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('the generated returns exercise every journey (the property is not vacuous)', () => {
    const sample = fc
      .sample(fc.array(childArb, { minLength: 8, maxLength: 8 }), 50)
      .flatMap(census);
    const details = sample.flatMap((c) => c.details);
    expect(sample.some((c) => c.details.length > 1)).toBe(true); // reopened
    expect(details.some((d) => d.referralNfa)).toBe(true);
    expect(details.some((d) => d.reasonForClosure === 'RC8' && d.assessments.length)).toBe(true);
    expect(
      details.some((d) =>
        d.section47s.some((s) => s.icpcDate && s.icpcTarget && s.icpcDate > s.icpcTarget),
      ),
    ).toBe(true); // late ICPC
    expect(details.some((d) => d.cpPlans.some((p) => p.initialCategory === 'MUL'))).toBe(true);
    expect(details.some((d) => d.cpPlans.some((p) => p.numberOfPreviousCpp > 0))).toBe(true);
    expect(details.some((d) => d.cinPlans.length > 0 && d.cpPlans.length > 0)).toBe(true); // step-up
    expect(details.some((d) => d.cinPlans.length > 1)).toBe(true); // step-down after a CP plan
    expect(
      details.some((d) => d.cinPlans.some((p) => p.endDate && p.endDate === d.closureDate)),
    ).toBe(true); // ended by the closure
  });

  it('the checker does fire: each planted fault raises its DfE rule', () => {
    const [child] = census(
      fc.sample(
        childArb.filter((g) => g.episodes[0].journey === 'cp_plan'),
        200,
      ),
    )
      .filter((c) => c.details.some((d) => d.cpPlans.length && d.section47s.length))
      .slice(0, 1);
    const ruled = (c: CensusChild) => checkCensus([c], Y).map((i) => i.rule);
    const d = child.details.find((x) => x.cpPlans.length) as CensusChild['details'][number];
    const edit = (f: (c: CensusChild, d: CensusChild['details'][number]) => void) => {
      const c = structuredClone(child);
      f(c, c.details[child.details.indexOf(d)]);
      return ruled(c);
    };
    expect(ruled(child).filter((r) => !r.endsWith('Q'))).toEqual([]);
    expect(edit((c) => (c.laChildId = 'LA-1'))).toContain('1580');
    expect(edit((c) => (c.laChildId = 'A'.repeat(21)))).toContain('1570');
    expect(edit((c) => (c.ethnicity = 'WHIT'))).toContain('4220');
    expect(edit((c) => (c.sex = '1' as never))).toContain('4180');
    expect(edit((c) => (c.disabilities = ['NONE', 'AUT']))).toContain('8790');
    expect(edit((_c, x) => (x.cpPlans[0].startDate = plus(x.cpPlans[0].startDate, 1)))).toContain(
      '2885',
    );
    expect(
      edit((_c, x) => {
        x.reasonForClosure = 'RC7';
        x.closureDate = null;
      }),
    ).toContain('8810');
    expect(edit((_c, x) => (x.section47s[0].startDate = plus(x.referralDate, -1)))).toContain(
      '2889',
    );
    expect(edit((_c, x) => (x.referralNfa = true))).toContain('8832');
    expect(edit((_c, x) => (x.cpPlans[0].reviewDates = [x.cpPlans[0].startDate]))).toContain(
      '8841',
    );
    // CIN plan dates: before the referral, overlapping a CP plan, ending before it starts.
    const cin = (start: string, end: string | null) => ({ startDate: start, endDate: end });
    expect(
      edit((_c, x) => (x.cinPlans = [cin(plus(x.referralDate, -1), x.referralDate)])),
    ).toContain('4015');
    expect(
      edit(
        (_c, x) => (x.cinPlans = [cin(x.cpPlans[0].startDate, plus(x.cpPlans[0].startDate, 2))]),
      ),
    ).toContain('4016');
    expect(
      edit((_c, x) => (x.cinPlans = [cin(x.referralDate, plus(x.cpPlans[0].startDate, 1))])),
    ).toContain('4017');
    expect(
      edit((_c, x) => (x.cinPlans = [cin(x.referralDate, plus(x.referralDate, -1))])),
    ).toContain('4011');
    expect(
      edit((_c, x) => (x.cinPlans = [cin(x.referralDate, null), cin(x.referralDate, null)])),
    ).toEqual(expect.arrayContaining(['4004', '4014']));
    expect(
      edit((_c, x) => {
        x.referralNfa = true;
        x.cinPlans = [cin(x.referralDate, x.referralDate)];
      }),
    ).toEqual(expect.arrayContaining(['4000', '4012Q']));
  });

  it('returns of generated histories validate against the DfE schema', async () => {
    const children = fc
      .sample(fc.array(childArb, { minLength: 3, maxLength: 6 }), 5)
      .flatMap(census);
    const xml =
      censusOpening({
        year: YEAR,
        lea: '931',
        serialNo: 1,
        generatedAt: new Date('2027-04-02T10:00Z'),
      }) +
      children.map(censusChildXml).join('') +
      CENSUS_CLOSING;
    const XSD = readFileSync(join(__dirname, 'schema', 'cin-census-2025-26.xsd'), 'utf8');
    const result = await validateXML({
      xml: [{ fileName: 'census.xml', contents: xml }],
      schema: [{ fileName: 'cin-census.xsd', contents: XSD }],
    });
    expect(result.errors).toEqual([]);
  });
});
