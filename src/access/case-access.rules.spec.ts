import type { Actor } from './actor';
import {
  AccessMode,
  CaseAccessFacts,
  caseAccess,
  canSeeCases,
  canSeeFamilies,
  mayOpenRestricted,
} from './case-access.rules';
import { ROLES, Role, Scope, SCOPES } from './roles';

type Caller = Pick<Actor, 'kind' | 'roles' | 'scopes'>;
const user = (...roles: Role[]): Caller => ({ kind: 'user', roles, scopes: [] });
const client = (...scopes: Scope[]): Caller => ({ kind: 'client', roles: [], scopes });

const FACT_KEYS = ['sameLa', 'restricted', 'isLead', 'isActiveCoWorker', 'isTeamMember'] as const;
/** All 32 combinations of the facts. */
const ALL_FACTS: CaseAccessFacts[] = Array.from(
  { length: 32 },
  (_, n) =>
    Object.fromEntries(
      FACT_KEYS.map((k, i) => [k, Boolean(n & (1 << i))]),
    ) as unknown as CaseAccessFacts,
);
const MODES: AccessMode[] = ['read', 'write'];
const CASE_ROLES: Role[] = [
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
];
const NON_CASE_ROLES = ROLES.filter((r) => !CASE_ROLES.includes(r));
/** Every single role, every pair of roles, every scope set. */
const USERS: Caller[] = [
  ...ROLES.map((r) => user(r)),
  ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => user(a, b))),
];
const CLIENTS: Caller[] = Array.from({ length: 1 << SCOPES.length }, (_, n) =>
  client(...SCOPES.filter((_, i) => n & (1 << i))),
);
const ALL_CALLERS = [...USERS, ...CLIENTS];

const has = (c: Caller, r: Role) => c.roles.includes(r);

describe('case access rule table (exhaustive over roles, role pairs, scope sets, facts, modes)', () => {
  it('never across local authorities', () => {
    for (const c of ALL_CALLERS)
      for (const f of ALL_FACTS.filter((x) => !x.sameLa))
        for (const mode of MODES) expect(caseAccess(c, f, mode)).toBe('hidden');
  });

  it('roles without case work (la_admin, auditor, trainer, partner, platform_admin) never see a case', () => {
    for (const r of NON_CASE_ROLES)
      for (const f of ALL_FACTS)
        for (const mode of MODES) expect(caseAccess(user(r), f, mode)).toBe('hidden');
    expect(NON_CASE_ROLES.sort()).toEqual(
      ['auditor', 'la_admin', 'partner', 'platform_admin', 'trainer'].sort(),
    );
  });

  it('every case role reads every unrestricted case of its LA', () => {
    for (const c of USERS.filter((u) => u.roles.some((r) => CASE_ROLES.includes(r))))
      for (const f of ALL_FACTS.filter((x) => x.sameLa && !x.restricted))
        expect(caseAccess(c, f, 'read')).toBe('allowed');
  });

  it('restricted: only the lead, active co-workers, a team family_help_manager and cp_managers', () => {
    for (const c of USERS.filter(canSeeCases))
      for (const f of ALL_FACTS.filter((x) => x.sameLa && x.restricted)) {
        const may =
          f.isLead ||
          f.isActiveCoWorker ||
          (has(c, 'family_help_manager') && f.isTeamMember) ||
          has(c, 'cp_manager');
        expect(mayOpenRestricted(c, f)).toBe(may);
        for (const mode of MODES)
          if (!may) expect(caseAccess(c, f, mode)).toBe('restricted');
          else expect(caseAccess(c, f, mode)).not.toBe('restricted');
      }
  });

  it('a team practitioner (not lead, not co-worker) cannot open a restricted case', () => {
    const f = {
      sameLa: true,
      restricted: true,
      isLead: false,
      isActiveCoWorker: false,
      isTeamMember: true,
    };
    expect(caseAccess(user('family_help_practitioner'), f, 'read')).toBe('restricted');
    expect(caseAccess(user('ecpp'), f, 'read')).toBe('restricted');
    expect(caseAccess(user('family_help_manager'), f, 'read')).toBe('allowed');
    expect(caseAccess(user('family_help_manager'), { ...f, isTeamMember: false }, 'read')).toBe(
      'restricted',
    );
  });

  it('write: team members of Family Help, the lead, the co-working ECPP, cp_managers', () => {
    for (const c of USERS.filter(canSeeCases))
      for (const f of ALL_FACTS.filter(
        (x) => x.sameLa && (!x.restricted || mayOpenRestricted(c, x)),
      )) {
        const may =
          f.isLead ||
          ((has(c, 'family_help_practitioner') || has(c, 'family_help_manager')) &&
            f.isTeamMember) ||
          (has(c, 'ecpp') && f.isActiveCoWorker) ||
          has(c, 'cp_manager');
        expect(caseAccess(c, f, 'write')).toBe(may ? 'allowed' : 'read_only');
      }
  });

  it('an ECPP writes only where an active co-worker; a practitioner of another team only reads', () => {
    const base = {
      sameLa: true,
      restricted: false,
      isLead: false,
      isActiveCoWorker: false,
      isTeamMember: false,
    };
    expect(caseAccess(user('ecpp'), base, 'write')).toBe('read_only');
    expect(caseAccess(user('ecpp'), { ...base, isActiveCoWorker: true }, 'write')).toBe('allowed');
    expect(caseAccess(user('ecpp'), { ...base, isTeamMember: true }, 'write')).toBe('read_only');
    expect(caseAccess(user('family_help_practitioner'), base, 'write')).toBe('read_only');
    expect(
      caseAccess(user('family_help_practitioner'), { ...base, isActiveCoWorker: true }, 'write'),
    ).toBe('read_only');
  });

  it('API clients: read with a case-reading scope, write with cases:write, never restricted', () => {
    for (const c of CLIENTS)
      for (const f of ALL_FACTS.filter((x) => x.sameLa)) {
        const reads = c.scopes.some((s) =>
          ['cases:read', 'cases:write', 'export:read'].includes(s),
        );
        const read = caseAccess(c, f, 'read');
        const write = caseAccess(c, f, 'write');
        if (!reads) {
          expect([read, write]).toEqual(['hidden', 'hidden']);
        } else if (f.restricted) {
          expect([read, write]).toEqual(['restricted', 'restricted']);
        } else {
          expect(read).toBe('allowed');
          expect(write).toBe(c.scopes.includes('cases:write') ? 'allowed' : 'read_only');
        }
      }
  });

  it('a client is never treated as lead or co-worker, even if the facts say so', () => {
    const f = {
      sameLa: true,
      restricted: true,
      isLead: true,
      isActiveCoWorker: true,
      isTeamMember: true,
    };
    expect(caseAccess(client('cases:write'), f, 'read')).toBe('restricted');
  });

  it('family records: case roles and family/case scopes only', () => {
    for (const r of ROLES) expect(canSeeFamilies(user(r))).toBe(CASE_ROLES.includes(r));
    for (const c of CLIENTS) expect(canSeeFamilies(c)).toBe(c.scopes.length > 0);
  });
});
