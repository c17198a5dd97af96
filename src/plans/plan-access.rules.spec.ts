import type { Role } from 'src/access/roles';
import { PLAN_ACTIONS, PlanAction, PlanFacts, planVerdict } from './plan-access.rules';

const user = (...roles: Role[]) => ({ kind: 'user' as const, roles });
const client = { kind: 'client' as const, roles: [] as Role[] };

const none: PlanFacts = {
  caseReadable: true,
  isLead: false,
  isTeamMember: false,
  isCoWorker: false,
  share: null,
};

type Who = [string, ReturnType<typeof user> | typeof client, PlanFacts];

/** Callers in their usual relation to a case. */
const WHO: Who[] = [
  [
    'lead practitioner',
    user('family_help_practitioner'),
    { ...none, isLead: true, isTeamMember: true },
  ],
  ['team practitioner', user('family_help_practitioner'), { ...none, isTeamMember: true }],
  ['team manager', user('family_help_manager'), { ...none, isTeamMember: true }],
  ['other-team practitioner', user('family_help_practitioner'), none],
  ['other-team manager', user('family_help_manager'), none],
  ['co-working ECPP', user('ecpp'), { ...none, isCoWorker: true }],
  ['other ECPP', user('ecpp'), none],
  ['cp_manager', user('cp_manager'), none],
  [
    'police partner with a share',
    user('partner'),
    { ...none, caseReadable: false, share: { agency: 'police' } },
  ],
  ['partner without a share', user('partner'), { ...none, caseReadable: false }],
  ['la_admin', user('la_admin'), { ...none, caseReadable: false }],
  ['auditor', user('auditor'), { ...none, caseReadable: false }],
  ['API client', client, { ...none, caseReadable: false }],
];

/** Expected verdict per action, in WHO's order (a = allowed, f = 403, n = 404). */
const TABLE: Record<PlanAction, string> = {
  read: 'aaaaaaaaannnn',
  record_meeting: 'aaaffafffnnnn',
  draft: 'aaaffffffnnnn',
  agree: 'ffaffafffnnnn',
  decide: 'fffffafffnnnn',
  contribute: 'aaaffafffnnnn',
  update_action: 'aaaffafffnnnn',
  share: 'affffafffnnnn',
  read_shares: 'aaaaaaaafnnnn',
};

const NAME = { a: 'allowed', f: 'forbidden', n: 'not_found' } as const;

describe('planVerdict: role x action', () => {
  const rows = PLAN_ACTIONS.flatMap((action) =>
    WHO.map(([who, caller, facts], i) => {
      const code = TABLE[action][i] as keyof typeof NAME;
      return [action, who, NAME[code], caller, facts] as const;
    }),
  );
  it.each(rows)('%s by %s → %s', (action, _who, expected, caller, facts) => {
    expect(planVerdict(caller, action, facts)).toBe(expected);
  });

  it('every action has a row for every caller', () => {
    for (const a of PLAN_ACTIONS) expect(TABLE[a]).toHaveLength(WHO.length);
  });
});

describe('planVerdict: staff who cannot read the case (restricted)', () => {
  it.each(PLAN_ACTIONS)('%s → 404 even for the team manager', (action) => {
    const facts = { ...none, caseReadable: false, isTeamMember: true };
    expect(planVerdict(user('family_help_manager'), action, facts)).toBe('not_found');
  });
  it.each(PLAN_ACTIONS)('%s → 404 even for an ECPP co-worker', (action) => {
    const facts = { ...none, caseReadable: false, isCoWorker: true };
    expect(planVerdict(user('ecpp'), action, facts)).toBe('not_found');
  });
});

describe("planVerdict: a partner updates only its own agency's actions", () => {
  const partner = user('partner');
  const shared = (agency: 'police' | 'education') => ({
    ...none,
    caseReadable: false,
    share: { agency },
  });
  it.each([
    ['police', 'police', 'allowed'],
    ['police', 'education', 'forbidden'],
    ['education', 'education', 'allowed'],
    ['education', 'police', 'forbidden'],
    ['education', null, 'forbidden'],
  ] as const)('share agency %s, action agency %s → %s', (mine, owner, expected) => {
    expect(planVerdict(partner, 'update_action', { ...shared(mine), actionAgency: owner })).toBe(
      expected,
    );
  });
  it("without a share, even its own agency's action is 404", () => {
    const facts = { ...none, caseReadable: false, actionAgency: 'police' as const };
    expect(planVerdict(partner, 'update_action', facts)).toBe('not_found');
  });
  it('case facts never help a partner (a partner is not staff)', () => {
    const facts = {
      ...none,
      caseReadable: true,
      isLead: true,
      isTeamMember: true,
      isCoWorker: true,
    };
    for (const a of PLAN_ACTIONS) expect(planVerdict(partner, a, facts)).toBe('not_found');
  });
});
