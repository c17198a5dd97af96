import { episodeRow } from 'test/fixtures/export-rows';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { annexARows, ANNEX_A_COLUMNS, ANNEX_A_LISTS, DateCell, type AnnexAList } from './annex-a';
import { episodeOf, type EpisodeRow } from './child-facts';

const ASOF = '2027-01-10';
const FROM = '2026-01-10';
const rows = (list: AnnexAList, ...eps: Partial<EpisodeRow>[]) =>
  annexARows(
    list,
    eps.map((e) =>
      episodeOf(episodeRow({ sex: 'M', ethnicity: 'BAFR', disabilities: ['AUT'], ...e })),
    ),
    ASOF,
    FROM,
  ).map((r) =>
    Object.fromEntries(
      ANNEX_A_COLUMNS[list].map((c, i) => [
        c,
        r[i] instanceof DateCell ? (r[i] as DateCell).toCsv() : r[i],
      ]),
    ),
  );

const dec = (type: string, date: string, category: string | null = null) => ({
  type,
  date,
  category,
  strategyDiscussionDate: null,
  conferenceDate: null,
});

describe('Annex A lists (column names, categories, windows)', () => {
  it("list 3: one row per referral in the 12 months, DD/MM/YYYY, the count across the child's cases", () => {
    const r = rows(
      '3',
      { referralDate: '2025-12-01', closed: true, closedOn: '2025-12-20', closureReason: 'RC8' }, // before the window
      {
        caseId: 'c2',
        referralDate: '2026-03-02',
        closed: true,
        closedOn: '2026-03-20',
        closureReason: 'RC8',
      },
      { caseId: 'c3', referralDate: '2026-09-14', referralSource: '6' },
    );
    expect(r.map((x) => [x['Date of referral'], x['Referral Source'], x['Referral NFA?']])).toEqual(
      [
        ['02/03/2026', 'e) 2A: Schools', 'a) Yes'],
        ['14/09/2026', 'q) 6: Police', 'b) No'],
      ],
    );
    expect(r.map((x) => x['Number of Referrals in Last 12 Months'])).toEqual([2, 2]);
    expect(r[0]).toMatchObject({ Gender: 'a) Male', Ethnicity: 'o) BAFR' });
  });

  it('list 4: assessments open or authorised in the window, with the support answer', () => {
    const r = rows('4', {
      assessments: [
        {
          startedOn: '2025-10-01',
          completedOn: '2025-11-01',
          authorisedOn: '2025-11-02',
          factors: null,
          primaryNeed: null,
        },
        {
          startedOn: '2026-09-15',
          completedOn: '2026-10-20',
          authorisedOn: '2026-10-21',
          factors: ['3B'],
          primaryNeed: 'N1',
          outcome: 'family_help_plan',
        },
        {
          startedOn: '2026-12-15',
          completedOn: null,
          authorisedOn: null,
          factors: null,
          primaryNeed: null,
        },
      ],
    });
    expect(
      r.map((x) => [
        x['Continuous Assessment Start Date'],
        x['Continuous Assessment Date of Authorisation'],
        x["Was the child assessed as requiring LA children's social care support?"],
        x['Does the Child have a Disability'],
      ]),
    ).toEqual([
      ['15/09/2026', '21/10/2026', 'a) Yes', 'a) Yes'],
      ['15/12/2026', '', 'c) Unknown', 'a) Yes'],
    ]);
  });

  it('list 5: enquiries started in the window; ICPC unnecessary after no further action', () => {
    const r = rows('5', {
      decisions: [
        dec('start_section_47_enquiry', '2026-05-01'),
        dec('no_further_action', '2026-05-10'),
        dec('start_section_47_enquiry', '2026-11-02'),
        dec('start_child_protection_plan', '2026-11-20', 'MUL'),
      ],
      meetings: [{ kind: 'initial_cp_conference', date: '2026-11-20' }],
    });
    expect(
      r.map((x) => [
        x['Was an Initial Child Protection Conference deemed unnecessary?'],
        x['Date of Initial Child Protection Conference'],
        x['Did the Initial Child Protection Conference Result in a Child Protection Plan'],
      ]),
    ).toEqual([
      ['a) Yes', '', ''],
      ['b) No', '20/11/2026', 'a) Yes'],
    ]);
    expect(
      r.map((x) => [
        x['Number of Section 47 Enquiries in the last 12 months'],
        x['Number of ICPCs in the last 12 months'],
      ]),
    ).toEqual([
      [2, 1],
      [2, 1],
    ]);
  });

  it('list 7: a plan ended in the window is listed with its end date; categories by name', () => {
    const r = rows('7', {
      decisions: [
        dec('start_child_protection_plan', '2026-02-01', 'SAB'),
        dec('end_child_protection_plan', '2026-08-01'),
      ],
      cpPlanStarts: ['2023-01-01', '2026-02-01'],
    });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      'Child Protection Plan Start Date': '01/02/2026',
      'Child Protection Plan End Date': '01/08/2026',
      'Initial Category of Abuse': 'c) Sexual abuse',
      'Was the Child Seen Alone?': 'c) Unknown',
      'Number of Previous Child Protection Plans': 1,
    });
  });
});

/** The Annex A specification (test fixture): each list's columns, categories and date formats. */
type Column = {
  category?: { code: string; name: string; cell_regex?: string[] }[];
  date?: string;
  canbeblank?: boolean;
} | null;
const SPEC = parse(
  readFileSync(
    join(__dirname, '..', '..', 'test', 'fixtures', 'annex-a', 'annex-a-schema.yml'),
    'utf8',
  ),
  {
    merge: true,
    maxAliasCount: -1,
  },
).column_map as Record<string, Record<string, Column>>;
const regex = (r: string) => {
  const m = /^\/(.*)\/([a-z]*)$/.exec(r.trim()) as RegExpExecArray;
  return new RegExp(m[1], m[2]);
};

describe('Annex A lists against the specification', () => {
  it.each(ANNEX_A_LISTS)('list %s: the specification’s columns, in its order', (list) => {
    expect(ANNEX_A_COLUMNS[list]).toEqual(Object.keys(SPEC[`List ${list}`]));
  });

  it.each(ANNEX_A_LISTS.filter((l) => l !== '1'))(
    'list %s: every category cell is one of its categories; dates DD/MM/YYYY',
    (list) => {
      const eps: Partial<EpisodeRow>[] = [
        {
          referralDate: '2026-03-02',
          closed: true,
          closedOn: '2026-03-20',
          closureReason: 'RC8',
          sex: 'F',
          ethnicity: 'NOBT',
          disabilities: null,
        },
        {
          caseId: 'c2',
          referralDate: '2026-04-01',
          referralSource: '5D',
          primaryNeed: 'N4',
          assessments: [
            {
              startedOn: '2026-04-02',
              completedOn: '2026-05-01',
              authorisedOn: '2026-05-02',
              factors: ['1B'],
              primaryNeed: 'N4',
              outcome: 'no_further_action',
            },
          ],
          decisions: [
            dec('start_section_47_enquiry', '2026-06-01'),
            dec('start_child_protection_plan', '2026-06-20', 'MUL'),
          ],
          meetings: [
            { kind: 'initial_cp_conference', date: '2026-06-20' },
            { kind: 'review_cp_conference', date: '2026-09-18' },
          ],
          lastVisit: { date: '2027-01-05', seenAlone: false },
        },
      ];
      const out = annexARows(
        list,
        eps.map((e) => episodeOf(episodeRow(e))),
        ASOF,
        FROM,
      );
      expect(out.length).toBeGreaterThan(0);
      const spec = SPEC[`List ${list}`];
      for (const row of out)
        ANNEX_A_COLUMNS[list].forEach((name, i) => {
          const col = spec[name];
          const cell = row[i] instanceof DateCell ? (row[i] as DateCell).toCsv() : row[i];
          if (cell === '') return;
          if (col?.date)
            expect([name, cell]).toEqual([name, expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/)]);
          if (col?.category) {
            const ok = col.category.some(
              (c) =>
                c.code === cell || (c.cell_regex ?? []).some((r) => regex(r).test(String(cell))),
            );
            expect([name, cell, ok]).toEqual([name, cell, true]);
          }
        });
    },
  );
});
