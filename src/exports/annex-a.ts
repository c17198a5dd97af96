import { CLOSURE_REASONS, PRIMARY_NEEDS } from 'src/cases/cin-codes';
import { laChildId } from './census-model';
import { ageOn, type Episode } from './child-facts';

/**
 * Ofsted ILACS Annex A lists the data supports (pure), column for column as the Annex A
 * specification names and orders them, with its category values: list 1 (contacts, read from
 * the front door's contacts: one row per child per contact), list 3 (referrals), 4
 * (assessments), 5 (section 47 enquiries and initial conferences), 6 (children in need) and 7
 * (children subject to a child protection plan). Rows are built per child from all the child's
 * episodes open in the window (the 12 months up to the day of the export), so the "in the last
 * 12 months" counts see every case of the child. Dates are `Date` cells: DD/MM/YYYY in CSV,
 * real dates in XLSX.
 */
export const ANNEX_A_LISTS = ['1', '3', '4', '5', '6', '7'] as const;
export type AnnexAList = (typeof ANNEX_A_LISTS)[number];

/** A date cell (ISO `YYYY-MM-DD`), written DD/MM/YYYY in CSV and as a date in XLSX. */
export class DateCell {
  constructor(readonly iso: string) {}
  toCsv(): string {
    const [y, m, d] = this.iso.split('-');
    return `${d}/${m}/${y}`;
  }
  toDate(): Date {
    return new Date(`${this.iso}T00:00:00Z`);
  }
}
export type Cell = string | number | DateCell;

const CHILD = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)'];
const DISABILITY = 'Does the Child have a Disability';
const ALLOCATION = ['Allocated Team', 'Allocated Worker'];

export const ANNEX_A_TITLES: Record<AnnexAList, string> = {
  '1': 'List 1: Contacts',
  '3': 'List 3: Referrals',
  '4': 'List 4: Assessments',
  '5': 'List 5: Section 47 enquiries and Initial Child Protection Conferences',
  '6': 'List 6: Children in need',
  '7': 'List 7: Children subject to a child protection plan',
};

export const ANNEX_A_COLUMNS: Record<AnnexAList, string[]> = {
  '1': [...CHILD, 'Date of Contact', 'Contact Source'],
  '3': [
    ...CHILD,
    'Date of referral',
    'Referral Source',
    'Referral NFA?',
    'Number of Referrals in Last 12 Months',
    ...ALLOCATION,
  ],
  '4': [
    ...CHILD,
    DISABILITY,
    'Continuous Assessment Start Date',
    'Child Seen During Continuous Assessment',
    'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?",
    ...ALLOCATION,
  ],
  '5': [
    ...CHILD,
    DISABILITY,
    'Strategy discussion initiating Section 47 Enquiry Start Date',
    'Was an Initial Child Protection Conference deemed unnecessary?',
    'Date of Initial Child Protection Conference',
    'Did the Initial Child Protection Conference Result in a Child Protection Plan',
    'Number of Section 47 Enquiries in the last 12 months',
    'Number of ICPCs in the last 12 months',
    ...ALLOCATION,
  ],
  '6': [
    ...CHILD,
    DISABILITY,
    'CIN Start Date',
    'Primary Need Code',
    'Date Child Was Last Seen',
    'CIN Closure Date',
    'Reason for Closure',
    'Case Status',
    ...ALLOCATION,
  ],
  '7': [
    ...CHILD,
    DISABILITY,
    'Child Protection Plan Start Date',
    'Initial Category of Abuse',
    'Latest Category of Abuse',
    'Date of the Last Statutory Visit',
    'Was the Child Seen Alone?',
    'Date of latest review conference',
    'Child Protection Plan End Date',
    'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
    'Number of Previous Child Protection Plans',
    ...ALLOCATION,
  ],
};

// The specification's category values.
export const GENDER: Record<string, string> = { M: 'a) Male', F: 'b) Female' };
const ETHNICITY_LETTERS = 'abcdefghijklmnopqrs';
const ETHNICITY_ORDER = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
];
export const SOURCE: Record<string, string> = {
  '1A': 'a) 1A: Individual',
  '1B': 'b) 1B: Individual',
  '1C': 'c) 1C: Individual',
  '1D': 'd) 1D: Individual',
  '2A': 'e) 2A: Schools',
  '2B': 'f) 2B: Education services',
  '3A': 'g) 3A: Health services',
  '3B': 'h) 3B: Health services',
  '3C': 'i) 3C: Health services',
  '3D': 'j) 3D: Health services',
  '3E': 'k) 3E: Health services',
  '3F': 'l) 3F: Health services',
  '4': 'm) 4: Housing',
  '5A': 'n) 5A: LA services',
  '5B': 'o) 5B: LA services',
  '5C': 'p) 5C: LA services',
  '5D': 'p1) 5D: LA services',
  '6': 'q) 6: Police',
  '7': 'r) 7: Other legal agency',
  '8': 's) 8: Other',
  '9': 't) 9: Anonymous',
  '10': 'u) 10: Unknown',
};
const CATEGORY: Record<string, string> = {
  NEG: 'a) Neglect',
  PHY: 'b) Physical abuse',
  SAB: 'c) Sexual abuse',
  EMO: 'd) Emotional abuse',
  MUL: 'e) Multiple/not recommended',
};
const YES = 'a) Yes';
const NO = 'b) No';
const UNKNOWN = 'c) Unknown';

const yesNo = (b: boolean) => (b ? YES : NO);
export const date = (d: string | null | undefined): Cell => (d ? new DateCell(d) : '');
export const ethnicity = (code: string | null) => {
  const i = code ? ETHNICITY_ORDER.indexOf(code) : -1;
  // The specification letters NOBT as REFU's "s)" too.
  return i < 0 ? '' : `${ETHNICITY_LETTERS[Math.min(i, 18)]}) ${code}`;
};

/** Rows of one child for a list, from the child's episodes in the window [from, asOf]. */
export function annexARows(
  list: AnnexAList,
  episodes: Episode[],
  asOf: string,
  from: string,
): Cell[][] {
  if (list === '1') return []; // list 1 is read from contacts (annexAContactRow)
  const inWindow = (d: string | null | undefined): d is string => !!d && d >= from && d <= asOf;
  const r = episodes[0].row;
  const child: Cell[] = [
    laChildId(r.laPersonId, r.personId),
    GENDER[r.sex ?? ''] ?? 'c) Not stated/recorded',
    ethnicity(r.ethnicity),
    date(r.dateOfBirth),
    ageOn(r.dateOfBirth, asOf) ?? '',
  ];
  const disability = !r.disabilities ? UNKNOWN : r.disabilities.includes('NONE') ? NO : YES;
  const alloc = (e: Episode): Cell[] => [e.row.teamName, e.row.workerName];
  const ordered = [...episodes].sort((a, b) =>
    a.row.referralDate.localeCompare(b.row.referralDate),
  );

  if (list === '3') {
    const referred = ordered.filter((e) => inWindow(e.row.referralDate));
    return referred.map((e) => [
      ...child,
      date(e.row.referralDate),
      SOURCE[e.row.referralSource] ?? e.row.referralSource,
      yesNo(
        e.row.closed &&
          e.row.assessments.length === 0 &&
          e.section47s.length === 0 &&
          e.cpPlans.length === 0,
      ),
      referred.length,
      ...alloc(e),
    ]);
  }
  if (list === '4') {
    return ordered.flatMap((e) =>
      e.row.assessments
        .filter((a) => a.startedOn <= asOf && (!a.authorisedOn || a.authorisedOn >= from))
        .map((a) => [
          ...child,
          disability,
          date(a.startedOn),
          UNKNOWN,
          date(a.authorisedOn),
          !a.authorisedOn ? UNKNOWN : yesNo(a.outcome !== 'no_further_action'),
          ...alloc(e),
        ]),
    );
  }
  if (list === '5') {
    const s47s = ordered.flatMap((e) =>
      e.section47s.filter((s) => inWindow(s.startDate)).map((s) => ({ e, s })),
    );
    const icpcs = s47s.filter(({ s }) => inWindow(s.icpcDate)).length;
    return s47s.map(({ e, s }) => [
      ...child,
      disability,
      date(s.strategyDiscussionDate ?? s.startDate),
      s.icpcDate ? NO : s.nfaDate ? YES : '',
      date(s.icpcDate),
      s.icpcDate ? yesNo(e.cpPlans.some((p) => p.startDate === s.icpcDate)) : '',
      s47s.length,
      icpcs,
      ...alloc(e),
    ]);
  }
  if (list === '6') {
    return ordered.map((e) => {
      const x = e.row;
      const closed = x.closed && !!x.closedOn && x.closedOn <= asOf;
      const onPlan = e.cpPlans.some((p) => !p.endDate || p.endDate > asOf);
      const assessing = x.assessments.some((a) => !a.authorisedOn);
      const need =
        (closed ? x.primaryNeed : null) ??
        [...x.assessments].reverse().find((a) => a.primaryNeed)?.primaryNeed ??
        null;
      return [
        ...child,
        disability,
        date(x.referralDate),
        need ? `${need} - ${PRIMARY_NEEDS[need as keyof typeof PRIMARY_NEEDS]}` : '',
        date(x.lastVisit?.date),
        date(closed ? x.closedOn : null),
        closed && x.closureReason
          ? `${x.closureReason} - ${CLOSURE_REASONS[x.closureReason as keyof typeof CLOSURE_REASONS]}`
          : '',
        closed
          ? 'e) Closed episode'
          : onPlan
            ? 'b) Child Protection plan'
            : assessing
              ? 'd) Open assessment'
              : 'c) Child in need plan',
        ...alloc(e),
      ];
    });
  }
  // List 7: plans in force at some point in the window (open now, or ended within it).
  return ordered.flatMap((e) =>
    e.cpPlans
      .filter((p) => p.startDate <= asOf && (!p.endDate || p.endDate >= from))
      .map((p) => [
        ...child,
        disability,
        date(p.startDate),
        CATEGORY[p.initialCategory ?? ''] ?? '',
        CATEGORY[p.latestCategory ?? ''] ?? '',
        date(e.row.lastVisit?.date),
        e.row.lastVisit ? yesNo(e.row.lastVisit.seenAlone) : UNKNOWN,
        date(p.reviewDates[p.reviewDates.length - 1]),
        date(p.endDate && p.endDate <= asOf ? p.endDate : null),
        '',
        e.row.cpPlanStarts.filter((s) => s < p.startDate).length,
        ...alloc(e),
      ]),
  );
}
