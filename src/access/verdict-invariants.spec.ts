import type { Actor } from './actor';
import { isGranted, PERMISSIONS } from './permissions';
import type { CaseFacts } from './predicates';
import { ROLES, Role } from './roles';
import { CASE_NOTE } from 'src/cases/record-kinds';
import { verdict } from './verdict';
import { base, CASE_PERMISSIONS, client, PROFILES, user } from 'test/fixtures/verdict-profiles';

describe('verdict: a note (record rows)', () => {
  const note = (author: boolean): CaseFacts => ({
    ...PROFILES.team,
    record: { kind: CASE_NOTE, author, shared: false, ownAgency: false },
  });
  it.each([
    ['family_help_practitioner', true, 'allowed'],
    ['family_help_practitioner', false, 'forbidden'],
    ['ecpp', true, 'forbidden'],
    ['cp_manager', true, 'allowed'],
    ['cp_manager', false, 'forbidden'],
  ] as const)('%s correcting a note (author: %s) of a team case → %s', (role, author, expected) => {
    expect(verdict(user(role), 'case.note', note(author))).toBe(expected);
  });
  it('the author of a note on a restricted case they may no longer open: 404', () => {
    const f: CaseFacts = {
      ...PROFILES.rTeam,
      record: { kind: CASE_NOTE, author: true, shared: false, ownAgency: false },
    };
    expect(verdict(user('family_help_practitioner'), 'case.note', f)).toBe('not_found');
  });
});

/** Every combination of the boolean facts (sameLa true), with and without a share. */
function allFacts(): CaseFacts[] {
  const out: CaseFacts[] = [];
  for (let bits = 0; bits < 64; bits++)
    out.push({
      sameLa: true,
      restricted: !!(bits & 1),
      lead: !!(bits & 2),
      coWorker: !!(bits & 4),
      teamMember: !!(bits & 8),
      coWorked: !!(bits & 16) || !!(bits & 4),
      macptOpen: !!(bits & 32),
      record: null,
    });
  return out;
}
/** The facts that are set, for naming a combination in a failure. The exhaustive loops below
 * collect the combinations that break their rule and assert once: an `expect` per combination
 * cost ~33 µs against ~0.3 µs for the verdict, i.e. most of a minute for this file. */
function facts(f: CaseFacts): string {
  const set = Object.entries(f).filter(([k, v]) => k !== 'record' && v === true);
  return `{${set.map(([k]) => k).join(', ')}}`;
}
const ROLE_SETS: Role[][] = [
  ...ROLES.map((r) => [r]),
  ['family_help_practitioner', 'ecpp'],
  ['family_help_manager', 'cp_manager'],
  ['ecpp', 'cp_manager'],
  ['partner', 'family_help_practitioner'],
  ['macpt_member', 'family_help_practitioner'],
];

describe('verdict: a MACPT member reads a case only while its team’s discussion or s47 is open', () => {
  const macpt = user('macpt_member');
  const open: CaseFacts = { ...base, macptOpen: true };
  it.each([
    ['case.read', 'allowed'],
    ['decision.read', 'allowed'],
    ['timescale.read', 'allowed'],
    ['strategy_discussion.read', 'allowed'],
    ['strategy_discussion.contribute', 'allowed'],
    ['decision.record', 'forbidden'],
    ['strategy_discussion.run', 'forbidden'],
    ['case.note', 'forbidden'],
    ['family.read', 'forbidden'],
  ] as const)('macpt_member %s on a case its team’s work is open on → %s', (p, expected) => {
    expect(verdict(macpt, p, open)).toBe(expected);
  });
  it.each(['case.read', 'strategy_discussion.read', 'strategy_discussion.contribute'] as const)(
    'macpt_member %s once the work is closed, on a restricted case, or in another LA → 404',
    (p) => {
      expect(verdict(macpt, p, base)).toBe('not_found');
      expect(verdict(macpt, p, { ...open, restricted: true })).toBe('not_found');
      expect(verdict(macpt, p, { ...open, sameLa: false })).toBe('not_found');
    },
  );
  it('macptOpen changes nothing for any caller without the macpt_member role', () => {
    const changed: string[] = [];
    for (const roles of ROLE_SETS.filter((r) => !r.includes('macpt_member')))
      for (const f of allFacts())
        for (const p of PERMISSIONS) {
          const open = verdict(user(...roles), p, { ...f, macptOpen: true });
          const closed = verdict(user(...roles), p, { ...f, macptOpen: false });
          if (open !== closed)
            changed.push(`${roles.join('+')} ${p} ${facts(f)}: ${closed} → ${open}`);
        }
    expect(changed).toEqual([]);
  });
  it('an API client never gets the MACPT fact', () => {
    expect(verdict(client('cases:read'), 'case.read', { ...open, restricted: true })).toBe(
      'not_found',
    );
  });
});

describe('verdict: invariants over every fact combination', () => {
  it.each(ROLE_SETS.map((r) => [r.join('+')]))(
    '%s: nothing is allowed on a case it may not read, and a hidden case is 404, never 403',
    (roles) => {
      const caller = user(...(roles.split('+') as Role[]));
      const broken: string[] = [];
      for (const f of allFacts())
        for (const p of CASE_PERMISSIONS) {
          const read = verdict(caller, 'case.read', f);
          const got = verdict(caller, p, f);
          if (got === 'allowed' && read !== 'allowed')
            broken.push(`${p} ${facts(f)}: allowed while case.read is ${read}`);
          if (read === 'not_found' && isGranted(caller as Actor, p) && got !== 'not_found')
            broken.push(`${p} ${facts(f)}: ${got} on a hidden case`);
        }
      expect(broken).toEqual([]);
    },
  );

  it.each(ROLE_SETS.map((r) => [r.join('+')]))(
    '%s: a partner share on a record grants nothing that no row names (no row uses SHARED yet)',
    (roles) => {
      const caller = user(...(roles.split('+') as Role[]));
      const granted: string[] = [];
      for (const f of allFacts())
        for (const p of PERMISSIONS) {
          const note = {
            kind: CASE_NOTE,
            author: false,
            shared: false,
            ownAgency: false,
          };
          const shared = verdict(caller, p, { ...f, record: { ...note, shared: true } });
          const unshared = verdict(caller, p, { ...f, record: note });
          if (shared !== unshared) granted.push(`${p} ${facts(f)}: ${unshared} → ${shared}`);
        }
      expect(granted).toEqual([]);
    },
  );

  it.each(ROLE_SETS.map((r) => [r.join('+')]))(
    '%s: another local authority is 404 (403 only when the role lacks the permission)',
    (roles) => {
      const caller = user(...(roles.split('+') as Role[]));
      const wrong: string[] = [];
      for (const f of allFacts())
        for (const p of CASE_PERMISSIONS) {
          const got = verdict(caller, p, { ...f, sameLa: false });
          const want = isGranted(caller as Actor, p) ? 'not_found' : 'forbidden';
          if (got !== want) wrong.push(`${p} ${facts(f)}: ${got}, not ${want}`);
        }
      expect(wrong).toEqual([]);
    },
  );

  it('adding a role never takes a verdict away (allowed stays allowed)', () => {
    const taken: string[] = [];
    for (const roles of ROLE_SETS)
      for (const extra of ROLES)
        for (const f of allFacts())
          for (const p of CASE_PERMISSIONS)
            if (verdict(user(...roles), p, f) === 'allowed') {
              const got = verdict(user(...roles, extra), p, f);
              if (got !== 'allowed')
                taken.push(`${roles.join('+')} + ${extra} ${p} ${facts(f)}: ${got}`);
            }
    expect(taken).toEqual([]);
  });

  it('only permissions with a case row reach a case (everything else is refused)', () => {
    const others = PERMISSIONS.filter((p) => !CASE_PERMISSIONS.includes(p));
    for (const p of others)
      for (const roles of ROLE_SETS)
        expect(verdict(user(...roles), p, PROFILES.lead)).not.toBe('allowed');
  });
});
