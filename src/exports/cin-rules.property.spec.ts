import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { census, childArb, plus, Y, YEAR } from 'test/fixtures/cin-rules.arbitraries';
import type { CensusChild } from './census-model';
import { CENSUS_CLOSING, censusChildXml, censusOpening } from './cin-census';
import { checkCensus } from './cin-rules';

/**
 * Census returns of generated histories raise no DfE ERROR. The histories
 * (test/fixtures/cin-rules.arbitraries.ts: 1-3 episodes per child, as Tandem's entry rules allow
 * them) are checked, then sampled for every journey, then faulted. QUICK=1 runs fewer cases.
 */
const RUNS = process.env.QUICK ? 60 : 400;
/** The samples below are fixed (seeded): a sample that happened to miss a journey or a fault's
 * precondition made these tests fail now and then. The property above runs on a fresh seed. */
const SAMPLE_SEED = 20261207;

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
      .sample(fc.array(childArb, { minLength: 8, maxLength: 8 }), {
        numRuns: 50,
        seed: SAMPLE_SEED,
      })
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
        { numRuns: 200, seed: SAMPLE_SEED },
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
      .sample(fc.array(childArb, { minLength: 3, maxLength: 6 }), { numRuns: 5, seed: SAMPLE_SEED })
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
