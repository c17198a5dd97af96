import {
  CLOSURE_REASON_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  PRIMARY_NEED_CODES,
  REFERRAL_SOURCE_CODES,
} from 'src/cases/cin-codes';
import { isValidUpn } from 'src/families/upn';
import { isWorkingDay } from 'src/timescales/working-days';
import type { CensusChild, CensusYear, CinDetails } from './census-model';
import { cinPlanIssues } from './cin-plan-rules';

/**
 * The DfE's validation rules for the Children in Need census (2025-26 collection) that apply to
 * the data Tandem holds, as a pure checker over the census model — the same model the XML is
 * written from. Rule numbers and severities are the DfE's (`Q` suffix: a QUERY, which needs data
 * or a reason; otherwise an ERROR, which a return must never raise). Not here: rules on data
 * Tandem does not export (dates of death, former UPNs); the CIN plan rules: cin-plan-rules.ts. */
export type Severity = 'error' | 'query';

export interface Issue {
  rule: string;
  severity: Severity;
  laChildId: string;
  message: string;
}

const CATEGORIES = ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'];
const WEEKS_40 = 280;

const dayDiff = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const isDate = (d: string | null | undefined): d is string =>
  !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
const inYear = (d: string, y: CensusYear) => d >= y.start && d <= y.end;
const dupes = (xs: string[]) => xs.some((x, i) => xs.indexOf(x) !== i);

/** The checks on one episode (a CINdetails). */
function episodeIssues(d: CinDetails, y: CensusYear, say: (rule: string, msg: string) => void) {
  if (!isDate(d.referralDate) || d.referralDate > y.end)
    say('8600', 'Child referral date missing or after data collection period');
  if (!(REFERRAL_SOURCE_CODES as string[]).includes(d.referralSource))
    say('8866', 'Source of Referral is missing or an invalid code');
  if (!d.referralNfa && !d.primaryNeed)
    say('8610', 'Primary Need code is missing for a referral which led to further action');
  if (d.primaryNeed && !(PRIMARY_NEED_CODES as string[]).includes(d.primaryNeed))
    say('8650', 'Primary Need Code invalid');
  if (d.closureDate && !inYear(d.closureDate, y))
    say('8620', 'CIN Closure Date present and does not fall within the Census year');
  if (d.closureDate && d.closureDate < d.referralDate)
    say('8630', 'CIN Closure Date is before CIN Referral Date for the same CIN episode');
  if (d.reasonForClosure && !(CLOSURE_REASON_CODES as string[]).includes(d.reasonForClosure))
    say('8640', 'CIN Reason for closure code invalid');
  if (d.closureDate && !d.reasonForClosure)
    say('8805', 'A CIN case cannot have a CIN closure date without a Reason for Closure');
  if (d.reasonForClosure && !d.closureDate)
    say('8810', 'A CIN case cannot have a Reason for Closure without a CIN Closure Date');

  const activity = [
    ...d.assessments.flatMap((a) => [a.startDate, a.authorisationDate]),
    ...d.section47s.flatMap((s) => [s.startDate, s.icpcDate]),
    ...d.cpPlans.flatMap((p) => [p.startDate, p.endDate, ...p.reviewDates]),
  ].filter(isDate);
  if (d.closureDate && activity.some((a) => a > (d.closureDate as string)))
    say('8565', 'Activity shown after a case has been closed');
  if (d.referralNfa && (d.assessments.length || d.section47s.length || d.cpPlans.length))
    say('8831', 'Activity is recorded against a case marked as a referral with no further action');
  if (d.referralNfa && (d.section47s.length || d.cpPlans.length))
    say('8832', 'Child Protection details provided for a referral with no further action');
  if (
    (d.reasonForClosure === 'RC8' || d.reasonForClosure === 'RC9') &&
    (d.section47s.length || d.cpPlans.length)
  )
    say('2990', 'Activity is recorded against a case closed after assessment (RC8/RC9)');

  // Assessments
  const open = d.assessments.filter((a) => !a.authorisationDate);
  if (open.length > 1)
    say('8896', 'Within one CINDetails group there are 2 or more open Assessments');
  for (const a of d.assessments) {
    if (a.startDate < d.referralDate)
      say('1103', 'The assessment start date cannot be before the referral date');
    if (a.authorisationDate && a.startDate > a.authorisationDate)
      say('8608', 'Assessment Start Date cannot be later than its End Date');
    if (a.authorisationDate && !inYear(a.authorisationDate, y))
      say('8696', 'Assessment end date must fall within the census year');
    if (!a.authorisationDate && !inYear(a.startDate, y))
      say(
        '8736',
        'For an Assessment that has not been completed, the start date must fall within the census year',
      );
    if (!a.authorisationDate && a.factors.length)
      say(
        '8614',
        'Parental or child factors at assessment should only be present for a completed assessment',
      );
    if (a.factors.includes('21') && a.factors.length > 1)
      say(
        '8869',
        'The assessment factors code 21 cannot be used in conjunction with any other assessment factors',
      );
    if (dupes(a.factors))
      say('8898', 'The assessment has more than one parental or child factors with the same code');
    if (a.authorisationDate && a.factors.length === 0)
      say(
        '8897Q',
        'Parental or child factors at assessment information is missing from a completed assessment',
      );
  }
  if (d.closureDate && open.length)
    say('8867', 'CIN episode is shown as closed, however Assessment is not shown as completed');
  if (d.section47s.length && !d.assessments.length)
    say('2991Q', 'A Section 47 module is recorded and there is no assessment on the episode');

  cinPlanIssues(d, y, say);

  // Section 47 enquiries and initial conferences
  const openS47 = d.section47s.filter((s) => !s.icpcDate && !s.icpcNotRequired);
  if (openS47.length > 1)
    say('8839', 'Within one CINDetails group there are 2 or more open S47 Assessments');
  const s47s = [...d.section47s].sort((a, b) => a.startDate.localeCompare(b.startDate));
  s47s.forEach((s, i) => {
    if (s.startDate < d.referralDate)
      say('2889', 'The S47 start date cannot be before the referral date.');
    if (s.icpcDate && s.icpcDate < d.referralDate)
      say(
        '1104',
        'The date of the initial child protection conference cannot be before the referral date',
      );
    if (s.icpcDate && s.startDate > s.icpcDate)
      say(
        '8615',
        'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
      );
    if (s.icpcDate && !inYear(s.icpcDate, y))
      say('8715', 'Date of Initial Child Protection Conference must fall within the census year');
    if (s.icpcDate && !isWorkingDay(s.icpcDate))
      say('8875', 'The Date of Initial Child Protection Conference cannot be a weekend');
    if (s.icpcTarget && !isWorkingDay(s.icpcTarget))
      say(
        '8870Q',
        'The Target Date for Initial Child Protection Conference should not be a weekend',
      );
    if (!s.icpcDate && !s.icpcNotRequired && !inYear(s.startDate, y))
      say(
        '8740',
        'A Section 47 Enquiry without an initial conference by the end of the year must start within it',
      );
    const prev = s47s[i - 1];
    if (prev && !prev.icpcDate && !prev.icpcNotRequired)
      say(
        '8890',
        'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
      );
  });
  if (d.closureDate && openS47.length)
    say(
      '8868',
      'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
    );

  // Child protection plans
  const icpcs = d.section47s.map((s) => s.icpcDate).filter(isDate);
  for (const p of d.cpPlans) {
    if (p.startDate < d.referralDate)
      say('1105', 'The child protection plan start date cannot be before the referral date');
    if (!isDate(p.startDate) || p.startDate > y.end)
      say('8720', 'Child Protection Plan Start Date missing or out of data collection period');
    if (!Number.isInteger(p.numberOfPreviousCpp) || p.numberOfPreviousCpp < 0)
      say('8730', 'Total Number of previous Child Protection Plans missing');
    if (!CATEGORIES.includes(p.initialCategory))
      say('8905', 'Initial Category of Abuse code missing or invalid');
    if (!CATEGORIES.includes(p.latestCategory))
      say('8910', 'Latest Category of Abuse code missing or invalid');
    if (p.endDate && p.endDate < p.startDate)
      say('8925', 'Child Protection Plan End Date earlier than Start Date');
    if (p.endDate && !inYear(p.endDate, y))
      say('8930', 'Child Protection Plan End Date must fall within the census year');
    if (p.endDate && p.endDate === p.startDate)
      say('8840', 'Child Protection Plan cannot start and end on the same day');
    if (p.reviewDates.some((r) => r <= p.startDate))
      say(
        '8841',
        'The review date cannot be on the same day or before the Child protection Plan start date',
      );
    if (inYear(p.startDate, y) && !icpcs.includes(p.startDate))
      say(
        '2885',
        'Child protection plan shown as starting a different day to the initial child protection conference',
      );
  }
  if (d.cpPlans.filter((p) => !p.endDate).length > 1)
    say('8935', 'This child is showing more than one open Child Protection plan');
  const plans = [...d.cpPlans].sort((a, b) => a.startDate.localeCompare(b.startDate));
  if (
    plans.some(
      (p, i) => i > 0 && (!plans[i - 1].endDate || (plans[i - 1].endDate as string) > p.startDate),
    )
  )
    say('8940', 'Child Protection Plan data contains overlapping dates');
}

/** Every issue the DfE's rules raise on a census of these children. */
export function checkCensus(children: CensusChild[], y: CensusYear): Issue[] {
  const issues: Issue[] = [];
  const ids = new Map<string, number>();
  const upns = new Map<string, number>();
  for (const c of children) {
    ids.set(c.laChildId, (ids.get(c.laChildId) ?? 0) + 1);
    if (c.upn) upns.set(c.upn, (upns.get(c.upn) ?? 0) + 1);
  }
  for (const c of children) {
    const say = (rule: string, message: string) =>
      issues.push({
        rule,
        severity: rule.endsWith('Q') ? 'query' : 'error',
        laChildId: c.laChildId,
        message,
      });
    if (!c.laChildId) say('8500', 'LA Child ID missing');
    if (c.laChildId.length > 20) say('1570', 'LA Child ID must not be longer than 20 characters');
    if (c.laChildId && !/^[A-Za-z0-9]*$/.test(c.laChildId))
      say('1580', 'LA Child ID must not contain any non-alphanumeric characters');
    if ((ids.get(c.laChildId) ?? 0) > 1)
      say('8510', 'More than one child record with the same LA Child ID');
    if (c.upn && !isValidUpn(c.upn))
      say('1510', 'UPN invalid (wrong check letter, form or character 13)');
    if (c.upn && (upns.get(c.upn) ?? 0) > 1) say('1520', 'More than one record with the same UPN.');
    if (!['M', 'F', 'U'].includes(c.sex)) say('4180', 'Sex must be provided and equal M, F, or U');
    const unborn = !c.birthDate && !!c.expectedBirthDate;
    if (unborn && c.sex !== 'U') say('8750', 'Sex must equal U for an unborn child');
    if (!(ETHNICITY_CODES as string[]).includes(c.ethnicity))
      say('4220', 'Ethnicity is missing or invalid');
    if (c.birthDate && c.birthDate > y.end)
      say('8520', 'Date of Birth is after data collection period');
    if (!!c.birthDate === !!c.expectedBirthDate)
      say(
        '8525Q',
        'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
      );
    const furtherAction = c.details.some((d) => !d.referralNfa);
    if (
      c.birthDate &&
      furtherAction &&
      (c.disabilities.length === 0 ||
        c.disabilities.some((x) => !(DISABILITY_CODES as string[]).includes(x)))
    )
      say('8540', "Child's disability is missing or invalid");
    if (c.disabilities.includes('NONE') && c.disabilities.length > 1)
      say('8790', 'Disability information includes both None and other values');
    if (dupes(c.disabilities)) say('8794', 'Child has two or more disabilities with the same code');
    if (c.upnUnknown === 'UN7' && furtherAction)
      say(
        '8772',
        'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
      );
    if (c.details.length === 0) say('8590', 'Child does not have a recorded CIN episode.');

    const born = c.birthDate ?? c.expectedBirthDate;
    for (const d of c.details) {
      if (born && dayDiff(d.referralDate, born) > WEEKS_40)
        say('8606', 'Child referral date is more than 40 weeks before DOB or expected DOB');
      episodeIssues(d, y, say);
    }
    // Episodes of one child: one open at most (unless NFA), the open one the latest, no overlap.
    const eps = [...c.details].sort((a, b) => a.referralDate.localeCompare(b.referralDate));
    const openEps = eps.filter((d) => !d.closureDate && !d.referralNfa);
    if (openEps.length > 1)
      say(
        '8815',
        'More than one open CIN Details episode has been provided for this child and case is not a referral with no further action',
      );
    if (openEps.length === 1 && openEps[0] !== eps[eps.length - 1])
      say(
        '8816',
        'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
      );
    if (
      eps.some(
        (d, i) =>
          i > 0 &&
          (!eps[i - 1].closureDate || (eps[i - 1].closureDate as string) >= d.referralDate),
      )
    )
      say('8820', 'The dates on the CIN episodes for this child overlap');
    // Plans starting in the year need as many initial conferences held in it.
    const planStarts = c.details
      .flatMap((d) => d.cpPlans)
      .filter((p) => inYear(p.startDate, y)).length;
    const icpcs = c.details
      .flatMap((d) => d.section47s)
      .filter((s) => s.icpcDate && inYear(s.icpcDate, y)).length;
    if (planStarts > icpcs)
      say(
        '2883',
        'There are more child protection plans starting than initial conferences taking place',
      );
  }
  return issues;
}
