/**
 * The scenario's events checked against each other and the rest of the file (`scenario-parser.ts`
 * runs it after the shape): each is in date order and not in the future, its user, case and
 * children exist, and every ref it cites names an earlier event of the right kind on its case.
 */
import type { IsoDate } from 'src/common/working-days';
import { compareDates } from 'src/common/working-days';
import { resolveScenarioDate } from './scenario-dates';
import type { Scenario, ScenarioEvent } from './scenario-format';

/** Where a problem is: a path into the file. */
export type Path = (string | number)[];

export interface Family {
  children: Set<string>;
  members: Set<string>;
  network: Set<string>;
}

/** What a `share` or `end_share` may point at: the events that create shareable records. */
const SHAREABLE: ScenarioEvent['do'][] = [
  'fgdm_meeting',
  'family_network_plan',
  'start_community_safety_plan',
];

export function checkEvents(
  s: Scenario,
  today: IsoDate,
  known: {
    users: Map<string, unknown>;
    teams: Set<string>;
    families: Map<string, Family>;
  },
  out: [Path, string][],
): void {
  const cases = new Map<string, { children: string[]; family: Family | undefined }>();
  const refs = new Map<string, { kind: ScenarioEvent['do']; case: string }>();
  let previous: IsoDate | null = null;
  s.events.forEach((e, i) => {
    const at = (...p: Path): Path => ['events', i, ...p];
    const on = resolveScenarioDate(e.on, today);
    if (compareDates(on, today) > 0)
      out.push([at('on'), `${e.on} (${on}) is in the future: events record what has happened`]);
    if (previous && compareDates(on, previous) < 0)
      out.push([
        at('on'),
        `${e.on} (${on}) is before the previous event (${previous}): list events in date order`,
      ]);
    previous = on;
    if (!known.users.has(e.by)) out.push([at('by'), `no user "${e.by}"`]);
    if (e.ref) {
      if (refs.has(e.ref)) out.push([at('ref'), `ref "${e.ref}" is used twice`]);
      refs.set(e.ref, { kind: e.do, case: e.case });
    }
    if (e.do === 'referral') {
      if (cases.has(e.case)) out.push([at('case'), `case "${e.case}" is opened twice`]);
      const fam = known.families.get(e.family);
      if (!fam) out.push([at('family'), `no family "${e.family}"`]);
      if (!known.teams.has(e.team)) out.push([at('team'), `no team "${e.team}"`]);
      if (!known.users.has(e.lead)) out.push([at('lead'), `no user "${e.lead}"`]);
      e.children.forEach((c, j) => {
        if (fam && !fam.children.has(c))
          out.push([at('children', j), `"${c}" is not a child of family "${e.family}"`]);
      });
      cases.set(e.case, { children: e.children, family: fam });
      return;
    }
    const kase = cases.get(e.case);
    if (!kase) {
      out.push([at('case'), `no case "${e.case}" opened by an earlier referral event`]);
      return;
    }
    const childOf = (c: string, p: Path) => {
      if (!kase.children.includes(c)) out.push([p, `"${c}" is not a child of case "${e.case}"`]);
    };
    const refTo = (
      r: string | undefined,
      kind: ScenarioEvent['do'] | ScenarioEvent['do'][],
      p: Path,
    ) => {
      if (r === undefined) return;
      const kinds = Array.isArray(kind) ? kind : [kind];
      const target = refs.get(r);
      if (!target || !kinds.includes(target.kind) || target.case !== e.case || r === e.ref)
        out.push([p, `no earlier ${kinds.join(' or ')} with ref "${r}" on case "${e.case}"`]);
    };
    const user = (u: string | undefined, p: Path) => {
      if (u !== undefined && !known.users.has(u)) out.push([p, `no user "${u}"`]);
    };
    const inFamily = (k: string, set: 'members' | 'network', p: Path) => {
      if (kase.family && !kase.family[set].has(k))
        out.push([
          p,
          set === 'network'
            ? `"${k}" is not in the family network of case "${e.case}"`
            : `"${k}" is not a member of the family of case "${e.case}"`,
        ]);
    };
    switch (e.do) {
      case 'concern':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'contact':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'contact_decision':
      case 'contact_authorisation':
      case 'contact_feedback':
        refTo(e.contact, 'contact', at('contact'));
        break;
      case 'decision':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        refTo(e.request, 'decision_request', at('request'));
        refTo(e.supersedes, 'decision', at('supersedes'));
        refTo(e.discussion, 'strategy_discussion', at('discussion'));
        refTo(e.conference, 'schedule_conference', at('conference'));
        refTo(e.gateway, 'legal_gateway', at('gateway'));
        break;
      case 'schedule_conference':
        user(e.chair, at('chair'));
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'conference_outcome':
        refTo(e.conference, 'schedule_conference', at('conference'));
        e.coreGroup?.forEach((u, j) => user(u, at('coreGroup', j)));
        break;
      case 'visit':
        childOf(e.child, at('child'));
        break;
      case 'assessment_completed':
        user(e.authorisedBy, at('authorisedBy'));
        break;
      case 'challenge':
        refTo(e.decision, 'decision', at('decision'));
        break;
      case 'assign_ecpp':
        if (!known.users.has(e.ecpp)) out.push([at('ecpp'), `no user "${e.ecpp}"`]);
        break;
      case 'family_help_plan':
        e.goals.forEach((g, j) =>
          g.actions?.forEach((a, k) => {
            if (a.owner && !known.users.has(a.owner))
              out.push([at('goals', j, 'actions', k, 'owner'), `no user "${a.owner}"`]);
          }),
        );
        break;
      case 'fgdm_meeting':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        e.attendees.family?.forEach((k, j) => inFamily(k, 'members', at('attendees', 'family', j)));
        e.attendees.network?.forEach((k, j) =>
          inFamily(k, 'network', at('attendees', 'network', j)),
        );
        break;
      case 'family_network_plan':
      case 'change_family_network_plan':
        if (e.do === 'change_family_network_plan') refTo(e.plan, 'family_network_plan', at('plan'));
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        e.carers?.forEach((c, j) => inFamily(c.member, 'network', at('carers', j, 'member')));
        break;
      case 'agree_family_network_plan':
      case 'activate_family_network_plan':
      case 'review_family_network_plan':
      case 'end_family_network_plan':
        refTo(e.plan, 'family_network_plan', at('plan'));
        break;
      case 'start_community_safety_plan':
        childOf(e.child, at('child'));
        break;
      case 'safety_plan_action':
        refTo(e.plan, 'start_community_safety_plan', at('plan'));
        user(e.owner, at('owner'));
        break;
      case 'update_safety_plan_action':
        refTo(e.action, 'safety_plan_action', at('action'));
        break;
      case 'review_community_safety_plan':
      case 'end_community_safety_plan':
        refTo(e.plan, 'start_community_safety_plan', at('plan'));
        break;
      case 'share':
      case 'end_share':
        refTo(e.record, SHAREABLE, at('record'));
        user(e.with, at('with'));
        break;
      case 'strategy_discussion_request':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'strategy_discussion':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        e.concerns.forEach((c, j) => refTo(c, 'concern', at('concerns', j)));
        e.invitees?.forEach((u, j) => user(u, at('invitees', j)));
        refTo(e.request, 'strategy_discussion_request', at('request'));
        break;
      case 'hold_strategy_discussion':
        refTo(e.discussion, 'strategy_discussion', at('discussion'));
        e.participants.forEach((x, j) => user(x.user, at('participants', j, 'user')));
        break;
      case 'conclude_strategy_discussion':
        refTo(e.discussion, 'strategy_discussion', at('discussion'));
        break;
      case 'information_request':
        refTo(e.discussion, 'strategy_discussion', at('discussion'));
        user(e.to, at('to'));
        if ((e.to === undefined) === (e.agency === undefined))
          out.push([at('to'), 'give either to (a user) or agency']);
        break;
      case 'answer_request':
      case 'decline_request':
        refTo(e.request, 'information_request', at('request'));
        break;
      case 'parental_responsibility':
        inFamily(e.adult, 'members', at('adult'));
        e.children.forEach((c, j) => childOf(c.child, at('children', j, 'child')));
        break;
      case 'legal_gateway':
        user(e.chair, at('chair'));
        break;
      case 'fgdm_offer':
        inFamily(e.to, 'members', at('to'));
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'answer_fgdm_offer':
        refTo(e.offer, 'fgdm_offer', at('offer'));
        break;
      case 'fgdm_exemption':
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'authorise_fgdm_exemption':
        refTo(e.exemption, 'fgdm_exemption', at('exemption'));
        break;
      case 'fgdm_referral':
        user(e.coordinator, at('coordinator'));
        e.children?.forEach((c, j) => childOf(c, at('children', j)));
        break;
      case 'update_fgdm_referral':
        refTo(e.referral, 'fgdm_referral', at('referral'));
        break;
      case 'letter_before_proceedings':
        e.offers?.forEach((o, j) => refTo(o, 'fgdm_offer', at('offers', j)));
        refTo(e.exemption, 'fgdm_exemption', at('exemption'));
        break;
      default:
        break;
    }
  });
}
