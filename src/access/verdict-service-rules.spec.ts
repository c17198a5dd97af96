import type { Caller } from './predicates';
import type { Role } from './roles';
import { caseFilterSql } from './verdict';
import { authorisesAssessment, isPartnerOnly, readsLaIndicators } from './verdict-scopes';

const user = (...roles: Role[]): Caller => ({ kind: 'user', roles, scopes: [] });
const client: Caller = { kind: 'client', roles: [], scopes: ['cases:read', 'cases:write'] };

describe('gate rules the services ask for (written once, in the verdict table)', () => {
  describe('authorising an assessment: the team manager, or the co-working ECPP in child protection', () => {
    const base = { teamMember: false, coWorker: false, stage: 'family_help' };
    it.each<[string, Caller, typeof base, boolean]>([
      [
        'family_help_manager of the team',
        user('family_help_manager'),
        { ...base, teamMember: true },
        true,
      ],
      ['family_help_manager of another team', user('family_help_manager'), base, false],
      [
        'family_help_practitioner of the team',
        user('family_help_practitioner'),
        { ...base, teamMember: true },
        false,
      ],
      [
        'co-working ecpp, child_protection',
        user('ecpp'),
        { ...base, coWorker: true, stage: 'child_protection' },
        true,
      ],
      ['co-working ecpp, family_help', user('ecpp'), { ...base, coWorker: true }, false],
      ['cp_manager', user('cp_manager'), { ...base, stage: 'child_protection' }, false],
      [
        'an API client',
        client,
        { teamMember: true, coWorker: true, stage: 'child_protection' },
        false,
      ],
    ])('%s → %s', (_n, caller, facts, allowed) => {
      expect(authorisesAssessment(caller, facts)).toBe(allowed);
    });
  });

  it.each<[Role[], boolean]>([
    [['cp_manager'], true],
    [['auditor'], true],
    [['family_help_manager'], false],
    [['ecpp'], false],
  ])('indicators over the whole LA: %j → %s', (roles, wide) => {
    expect(readsLaIndicators(user(...roles))).toBe(wide);
  });

  it.each<[Role[], boolean]>([
    [['partner'], true],
    [['partner', 'family_help_practitioner'], false],
    [[], false],
    [['ecpp'], false],
  ])('a refusal is a 404 to a partner-only user: %j → %s', (roles, partnerOnly) => {
    expect(isPartnerOnly(user(...roles))).toBe(partnerOnly);
  });

  it('an auditor lists the LA’s information-sharing records; a manager only by the case rule', () => {
    const auditor = { ...user('auditor'), id: '00000000-0000-4000-8000-000000000001' };
    const manager = { ...user('family_help_manager'), id: auditor.id };
    expect(caseFilterSql(auditor, 'information_sharing.read', 'c', [])).toBe('TRUE');
    const params: unknown[] = [];
    expect(caseFilterSql(manager, 'information_sharing.read', 'c', params)).not.toBe('TRUE');
    expect(params).toEqual([auditor.id]);
    expect(caseFilterSql(auditor, 'case.read', 'c', [])).toBe('FALSE');
  });
});
