import { ageOn, childUniqueId, type Episode } from './child-facts';

/**
 * Ofsted Annex A lists the data supports (pure): list 1 (contacts, from the front door's
 * contacts: one row per child per contact, docs/front-door.md), list 5 (section 47 enquiries and initial child
 * protection conferences), list 6 (children in need) and list 7 (children subject to a child
 * protection plan). One row per child episode; column names as Annex A gives them.
 */
export const ANNEX_A_LISTS = ['1', '5', '6', '7'] as const;
export type AnnexAList = (typeof ANNEX_A_LISTS)[number];

const CHILD = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)'];
const ALLOCATION = ['Allocated Team', 'Allocated Worker'];

export const ANNEX_A_TITLES: Record<AnnexAList, string> = {
  '1': 'List 1: Contacts',
  '5': 'List 5: Section 47 enquiries and Initial Child Protection Conferences',
  '6': 'List 6: Children in need',
  '7': 'List 7: Children subject to a child protection plan',
};

export const ANNEX_A_COLUMNS: Record<AnnexAList, string[]> = {
  '1': [...CHILD, 'Date of Contact', 'Contact Source'],
  '5': [
    ...CHILD,
    ...ALLOCATION,
    'Date of strategy discussion',
    'Section 47 enquiry start date',
    'ICPC target date',
    'Date of Initial Child Protection Conference',
    'ICPC not required',
    'Did the ICPC result in a child protection plan?',
  ],
  '6': [
    ...CHILD,
    ...ALLOCATION,
    'Referral date',
    'Referral source',
    'Case status',
    'Assessment completion date',
    'Case closure date',
    'Reason for closure',
  ],
  '7': [
    ...CHILD,
    ...ALLOCATION,
    'Child Protection Plan Start Date',
    'Initial Category of Abuse',
    'Latest Category of Abuse',
    'Date of latest review conference',
    'Number of previous child protection plans',
    'Date of last statutory visit',
    'Was the child seen alone?',
  ],
};

const yesNo = (b: boolean | null | undefined) =>
  b === null || b === undefined ? '' : b ? 'Yes' : 'No';

/** The rows an episode contributes to a list, as of a date. */
export function annexARows(list: AnnexAList, e: Episode, asOf: string): unknown[][] {
  if (list === '1') return []; // list 1 is read from contacts (annexAContactRow)
  const r = e.row;
  const child = [
    childUniqueId(r),
    r.sex ?? r.gender ?? '',
    r.ethnicity ?? '',
    r.dateOfBirth ?? '',
    ageOn(r.dateOfBirth, asOf) ?? '',
  ];
  const allocation = [r.teamName, r.workerName];
  if (list === '6') {
    return [
      [
        ...child,
        ...allocation,
        r.referralDate,
        r.referralSource,
        r.stage,
        r.assessmentCompletedOn ?? '',
        r.closedOn ?? '',
        r.closureReason ?? '',
      ],
    ];
  }
  if (list === '5') {
    return e.section47s.map((s) => [
      ...child,
      ...allocation,
      s.strategyDiscussionDate ?? '',
      s.startDate,
      s.icpcTarget ?? '',
      s.icpcDate ?? '',
      yesNo(s.icpcNotRequired),
      s.icpcDate ? yesNo(e.cpPlans.some((p) => p.startDate >= s.startDate)) : '',
    ]);
  }
  const open = e.cpPlans.filter((p) => p.startDate <= asOf && (!p.endDate || p.endDate > asOf));
  return open.map((p) => [
    ...child,
    ...allocation,
    p.startDate,
    p.initialCategory ?? '',
    p.latestCategory ?? '',
    p.reviewDates[p.reviewDates.length - 1] ?? '',
    e.cpPlans.indexOf(p),
    r.lastVisit?.date ?? '',
    yesNo(r.lastVisit?.seenAlone),
  ]);
}

/** One child of one contact, for list 1. */
export interface ContactListRow {
  /** The LA's person id, else Tandem's person id; a child not yet matched: the contact child id. */
  childId: string;
  gender: string | null;
  ethnicity: string | null;
  dateOfBirth: string | null;
  contactDate: string;
  source: string;
}

/** List 1's row for one child of one contact: age at the contact. */
export const annexAContactRow = (r: ContactListRow): unknown[] => [
  r.childId,
  r.gender ?? '',
  r.ethnicity ?? '',
  r.dateOfBirth ?? '',
  ageOn(r.dateOfBirth, r.contactDate) ?? '',
  r.contactDate,
  r.source,
];
