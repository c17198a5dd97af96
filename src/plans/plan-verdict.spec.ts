/**
 * The plans' rows of the access gate's verdict table (`src/access/verdict.ts`): every plan
 * permission × the callers in their usual relation to a case and to the record (partner shares
 * included). Pure: no Nest, no database.
 */
import type { Permission } from 'src/access/permissions';
import type { Caller, CaseFacts, RecordFacts } from 'src/access/predicates';
import { CASE_NOTE } from 'src/cases/record-kinds';
import {
  COMMUNITY_SAFETY_PLAN,
  COMMUNITY_SAFETY_PLAN_ACTION,
  FAMILY_NETWORK_PLAN,
  FGDM_MEETING,
} from './record-kinds';

const KINDS = {
  case_note: CASE_NOTE,
  fgdm_meeting: FGDM_MEETING,
  family_network_plan: FAMILY_NETWORK_PLAN,
  community_safety_plan: COMMUNITY_SAFETY_PLAN,
  community_safety_plan_action: COMMUNITY_SAFETY_PLAN_ACTION,
};
type RecordKind = keyof typeof KINDS;
import type { Role } from 'src/access/roles';
import { verdict } from 'src/access/verdict';

const user = (...roles: Role[]): Caller => ({ kind: 'user', roles, scopes: [] });
const client: Caller = { kind: 'client', roles: [], scopes: ['cases:write'] };

const base: Omit<CaseFacts, 'record'> = {
  sameLa: true,
  restricted: false,
  lead: false,
  coWorker: false,
  teamMember: false,
  coWorked: true,
  macptOpen: false,
};
type Relation = Partial<Omit<CaseFacts, 'record'>> & { shared?: boolean; ownAgency?: boolean };

/** Callers in their usual relation to a case; columns of TABLE, in this order. */
const WHO: [string, Caller, Relation][] = [
  ['lead practitioner', user('family_help_practitioner'), { lead: true, teamMember: true }],
  ['team practitioner', user('family_help_practitioner'), { teamMember: true }],
  ['team manager', user('family_help_manager'), { teamMember: true }],
  ['other-team practitioner', user('family_help_practitioner'), {}],
  ['other-team manager', user('family_help_manager'), {}],
  ['co-working ECPP', user('ecpp'), { coWorker: true }],
  ['other ECPP', user('ecpp'), {}],
  ['cp_manager', user('cp_manager'), {}],
  ['partner named on it (own agency)', user('partner'), { shared: true, ownAgency: true }],
  ['partner named on it (other agency)', user('partner'), { shared: true }],
  ['partner not named on it', user('partner'), {}],
  ['la_admin', user('la_admin'), {}],
  ['auditor', user('auditor'), {}],
  ['API client (cases:write)', client, {}],
];

const facts = (kind: RecordKind | null, r: Relation): CaseFacts => {
  const { shared = false, ownAgency = false, ...rest } = r;
  const record: RecordFacts | null = kind
    ? { kind: KINDS[kind], author: false, shared, ownAgency }
    : null;
  return { ...base, ...rest, record };
};

/** [permission, record kind (null: the case), expected per WHO: A allowed, F 403, N 404]. */
const TABLE: [Permission, RecordKind | null, string][] = [
  ['plan.read', null, 'AAAAAAAANNNFFF'],
  ['plan.read', 'family_network_plan', 'AAAAAAAAAANFFF'],
  ['plan.read', 'community_safety_plan', 'AAAAAAAAAANFFF'],
  ['plan.read', 'fgdm_meeting', 'AAAAAAAAAANFFF'],
  ['plan.partners', 'community_safety_plan', 'AAAAAAAAFFFFFF'],
  ['fgdm.record', null, 'AAAFFAFFFFFFFF'],
  ['family_network_plan.write', null, 'AAAFFFFFFFFFFF'],
  ['family_network_plan.write', 'family_network_plan', 'AAAFFFFFFFFFFF'],
  ['family_network_plan.agree', 'family_network_plan', 'FFAFFAFFFFFFFF'],
  ['community_safety_plan.decide', null, 'FFFFFAFFFFFFFF'],
  ['community_safety_plan.decide', 'community_safety_plan', 'FFFFFAFFFFFFFF'],
  ['community_safety_plan.contribute', 'community_safety_plan', 'AAAFFAFFFFFFFF'],
  ['plan.action_update', 'community_safety_plan_action', 'AAAFFAFFAFNFFF'],
  ['plan.share', 'community_safety_plan', 'AFFFFAFFFFFFFF'],
  ['plan.share', 'family_network_plan', 'AFFFFAFFFFFFFF'],
  ['plan.share', 'fgdm_meeting', 'AFFFFAFFFFFFFF'],
];

const V = { A: 'allowed', F: 'forbidden', N: 'not_found' } as const;

describe('plan verdicts: permission × record × caller', () => {
  const rows = TABLE.flatMap(([permission, kind, letters]) =>
    WHO.map(([who, caller, relation], i) => {
      const expected = V[letters[i] as keyof typeof V];
      return [permission, kind ?? 'case', who, expected, caller, facts(kind, relation)] as const;
    }),
  );
  it.each(rows)('%s on a %s by %s → %s', (permission, _kind, _who, expected, caller, f) => {
    expect(verdict(caller, permission, f)).toBe(expected);
  });

  it('every row has a column per caller', () => {
    for (const [p, k, letters] of TABLE) expect([p, k, letters.length]).toEqual([p, k, WHO.length]);
  });
});

describe('plan verdicts: hidden cases', () => {
  const plans: [Permission, RecordKind][] = [
    ['plan.read', 'family_network_plan'],
    ['family_network_plan.agree', 'family_network_plan'],
    ['community_safety_plan.contribute', 'community_safety_plan'],
    ['plan.share', 'community_safety_plan'],
  ];
  it.each(plans)('%s on a %s of another LA → 404, whoever asks', (permission, kind) => {
    for (const [, caller, relation] of WHO) {
      const f = { ...facts(kind, { ...relation, lead: true, teamMember: true }), sameLa: false };
      expect(verdict(caller, permission, f)).not.toBe('allowed');
      if (verdict(caller, permission, { ...f, sameLa: true }) === 'allowed')
        expect(verdict(caller, permission, f)).toBe('not_found');
    }
  });

  it.each(plans)(
    '%s on a restricted case: a team practitioner who is not its lead → 404',
    (p, k) => {
      const f = facts(k, { restricted: true, teamMember: true });
      expect(verdict(user('family_help_practitioner'), p, f)).toBe(
        p === 'family_network_plan.agree' ? 'forbidden' : 'not_found',
      );
    },
  );

  it('a partner named on a plan of a restricted case still sees that plan (the share is by name)', () => {
    const f = facts('community_safety_plan', { restricted: true, shared: true });
    expect(verdict(user('partner'), 'plan.read', f)).toBe('allowed');
  });

  it('a share never opens the case itself or a record of another kind', () => {
    const partner = user('partner');
    expect(verdict(partner, 'plan.read', facts(null, { shared: true }))).toBe('not_found');
    expect(verdict(partner, 'case.read', facts(null, { shared: true }))).toBe('forbidden');
    expect(verdict(partner, 'plan.read', facts('case_note', { shared: true }))).toBe('not_found');
  });

  it("an action's agency without a share on its plan gives nothing", () => {
    const f = facts('community_safety_plan_action', { ownAgency: true });
    expect(verdict(user('partner'), 'plan.action_update', f)).toBe('not_found');
  });
});
