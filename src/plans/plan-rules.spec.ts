import { STAGES, Stage } from 'src/case-history/case-types';
import {
  ACTION_STATUSES,
  AGREEMENT_ROLES,
  AgreementRole,
  FNP_STATUSES,
  agree,
  changeActionStatus,
  edit,
  isFullyAgreed,
  requiredAgreements,
  review,
  transition,
} from './plan-rules';

const OPEN_STAGES = STAGES.filter((s) => s !== 'closed');

describe('requiredAgreements', () => {
  it.each<[Stage, AgreementRole[]]>([
    ['family_help', ['family_help_manager']],
    ['child_protection', ['family_help_manager', 'ecpp']],
    ['pre_proceedings', ['family_help_manager', 'ecpp']],
    ['care_proceedings', ['family_help_manager', 'ecpp']],
  ])('in %s: %j', (stage, roles) => {
    expect(requiredAgreements(stage)).toEqual(roles);
  });

  it.each(OPEN_STAGES)('in %s, no agreement is never enough', (stage) => {
    expect(isFullyAgreed(stage, [])).toBe(false);
  });

  it('the ECPP alone never agrees a plan', () => {
    for (const stage of OPEN_STAGES) expect(isFullyAgreed(stage, ['ecpp'])).toBe(false);
  });
});

describe('agree', () => {
  const rows: [Stage, AgreementRole[], AgreementRole, string][] = [
    ['family_help', [], 'family_help_manager', 'agreed'],
    ['family_help', [], 'ecpp', 'draft'],
    ['family_help', ['ecpp'], 'family_help_manager', 'agreed'],
    ['child_protection', [], 'family_help_manager', 'draft'],
    ['child_protection', [], 'ecpp', 'draft'],
    ['child_protection', ['family_help_manager'], 'ecpp', 'agreed'],
    ['child_protection', ['ecpp'], 'family_help_manager', 'agreed'],
    ['pre_proceedings', ['family_help_manager'], 'ecpp', 'agreed'],
    ['care_proceedings', ['ecpp'], 'family_help_manager', 'agreed'],
    ['care_proceedings', [], 'family_help_manager', 'draft'],
  ];
  it.each(rows)('stage %s, agreed by %j, then %s → %s', (stage, agreedRoles, role, status) => {
    expect(agree({ status: 'draft', stage, agreedRoles }, role)).toEqual({
      ok: true,
      value: status,
    });
  });

  it.each(AGREEMENT_ROLES)('the same role (%s) cannot agree one version twice', (role) => {
    const r = agree({ status: 'draft', stage: 'child_protection', agreedRoles: [role] }, role);
    expect(r).toMatchObject({ ok: false, code: 'already_agreed' });
  });

  it.each(FNP_STATUSES.filter((s) => s !== 'draft'))(
    'a %s plan whose current version is in force is not agreed again',
    (status) => {
      const r = agree({ status, stage: 'family_help', agreedRoles: [] }, 'family_help_manager');
      expect(r).toMatchObject({ ok: false, code: 'plan_not_draft' });
    },
  );

  it.each(['agreed', 'active'] as const)(
    'a new version of a %s plan is agreed and the plan keeps its status',
    (status) => {
      const plan = { status, stage: 'child_protection' as const, awaiting: true };
      expect(agree({ ...plan, agreedRoles: [] }, 'ecpp')).toEqual({ ok: true, value: status });
      expect(agree({ ...plan, agreedRoles: ['ecpp'] }, 'ecpp')).toMatchObject({
        code: 'already_agreed',
      });
    },
  );

  it('an ended plan is never agreed, even with a version awaiting', () => {
    const r = agree(
      { status: 'ended', stage: 'family_help', agreedRoles: [], awaiting: true },
      'family_help_manager',
    );
    expect(r).toMatchObject({ ok: false, code: 'plan_not_draft' });
  });

  it('nothing is agreed on a closed case', () => {
    const r = agree({ status: 'draft', stage: 'closed', agreedRoles: [] }, 'family_help_manager');
    expect(r).toMatchObject({ ok: false, code: 'case_closed' });
  });
});

describe('transition', () => {
  it.each([
    ['draft', 'active', 'plan_not_agreed'],
    ['agreed', 'active', 'active'],
    ['active', 'active', 'plan_already_active'],
    ['ended', 'active', 'plan_ended'],
    ['draft', 'ended', 'ended'],
    ['agreed', 'ended', 'ended'],
    ['active', 'ended', 'ended'],
    ['ended', 'ended', 'plan_ended'],
  ] as const)('%s → %s gives %s', (from, to, outcome) => {
    const r = transition(from, to, 'family_help');
    if (r.ok) expect(r.value).toBe(outcome);
    else expect(r.code).toBe(outcome);
  });

  it('a plan is not activated on a closed case, but can still end', () => {
    expect(transition('agreed', 'active', 'closed')).toMatchObject({ code: 'case_closed' });
    expect(transition('active', 'ended', 'closed')).toEqual({ ok: true, value: 'ended' });
  });
});

describe('edit', () => {
  it.each(['draft', 'agreed', 'active'] as const)(
    'editing a %s plan makes the next version; the plan keeps its status (the agreed version stays in force)',
    (status) => {
      expect(edit({ status, stage: 'child_protection', currentVersion: 3 })).toEqual({
        ok: true,
        value: { status, versionNumber: 4 },
      });
    },
  );

  it('an ended plan is not edited', () => {
    expect(edit({ status: 'ended', stage: 'family_help', currentVersion: 1 })).toMatchObject({
      ok: false,
      code: 'plan_ended',
    });
  });

  it('a plan of a closed case is not edited', () => {
    expect(edit({ status: 'active', stage: 'closed', currentVersion: 1 })).toMatchObject({
      ok: false,
      code: 'case_closed',
    });
  });
});

describe('review', () => {
  it.each([
    ['agreed', null, true],
    ['active', '2027-06-01', true],
    ['active', '2027-03-01', false],
    ['active', '2027-02-28', false],
    ['draft', null, false],
    ['ended', null, false],
  ] as const)('a %s plan reviewed on 2027-03-01, next %s: %s', (status, next, allowed) => {
    expect(review(status, '2027-03-01', next).ok).toBe(allowed);
  });
});

describe('changeActionStatus', () => {
  const final = ['done', 'cancelled'] as const;
  for (const from of ACTION_STATUSES) {
    for (const to of ACTION_STATUSES) {
      const expected =
        (final as readonly string[]).includes(from) || from === to ? 'refused' : 'allowed';
      it(`${from} → ${to} on an active plan is ${expected}`, () => {
        expect(changeActionStatus('active', from, to).ok).toBe(expected === 'allowed');
      });
    }
  }

  it.each(ACTION_STATUSES)('no action changes on an ended plan (from %s)', (from) => {
    expect(changeActionStatus('ended', from, 'done')).toMatchObject({ code: 'plan_ended' });
  });
});
