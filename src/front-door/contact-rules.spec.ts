import type { Actor } from 'src/access/actor';
import type { Role } from 'src/access/roles';
import {
  decisionDueBy,
  decisionTimescale,
  editDistance,
  matchReason,
  mayAct,
  monthsBefore,
  namesClose,
  needsManager,
  transposedDate,
} from './contact-rules';
import { contactVerdict, mayCreateContact, type ContactFacts } from './contact-access';

describe('the decision is due one working day after the day of receipt (England)', () => {
  it.each([
    ['a Monday morning', '2027-03-22T10:00:00Z', '2027-03-23'],
    ['a Friday', '2027-04-30T15:00:00Z', '2027-05-04'], // Mon 3 May 2027 is a bank holiday
    ['a Saturday', '2027-04-24T12:00:00Z', '2027-04-26'],
    ['late on Sunday in UTC, already Monday in London (BST)', '2027-04-25T23:30:00Z', '2027-04-27'],
    ['Christmas Eve', '2026-12-24T16:00:00Z', '2026-12-29'],
  ])('received %s (%s) → due %s', (_what, at, due) => {
    expect(decisionDueBy(new Date(at))).toBe(due);
  });

  it.each([
    [null, '2027-03-23', 'due'],
    [null, '2027-03-24', 'overdue'],
    ['2027-03-23', '2027-04-30', 'met'],
    ['2027-03-24', '2027-04-30', 'met_late'],
  ])('decided on %s, today %s → %s', (decidedOn, today, status) => {
    expect(decisionTimescale('2027-03-23', today, decidedOn).status).toBe(status);
  });
});

describe('the repeat rule: the third contact in 12 months needs a manager', () => {
  it.each([
    [0, false],
    [1, false],
    [2, true],
    [5, true],
  ])('%i earlier contacts → manager %s', (earlier, manager) => {
    expect(needsManager(earlier)).toBe(manager);
  });
  it('configurable: from the second contact', () => {
    expect(needsManager(1, { contacts: 2, months: 6 })).toBe(true);
  });
  it.each([
    ['2027-04-26', 12, '2026-04-26'],
    ['2024-02-29', 12, '2023-02-28'],
    ['2027-03-31', 1, '2027-02-28'],
  ])('the window before %s (%i months) starts %s', (d, n, from) => {
    expect(monthsBefore(d, n)).toBe(from);
  });
});

describe('states', () => {
  it.each([
    ['link', 'received', true],
    ['decide', 'screening', true],
    ['decide', 'decided', false],
    ['authorise', 'received', false],
    ['feedback', 'decided', true],
    ['feedback', 'feedback_sent', false],
  ] as const)('%s from %s → %s', (action, status, ok) => {
    expect(mayAct(action, status)).toBe(ok);
  });
});

describe('matching', () => {
  it('edit distance counts a transposed pair once', () => {
    expect(editDistance('lily', 'liyl')).toBe(1);
    expect(editDistance('hill', 'hil')).toBe(1);
    expect(editDistance('smith', 'smyth')).toBe(1);
  });
  it.each([
    ['Lily', 'Lilly', true],
    ['Hil', 'Hill', true],
    ['Jo', 'Joe', false],
    ["O'Brien", 'OBrien', true],
    ['Alexandra', 'Alexander', true],
    ['Mia', 'Max', false],
  ])('%s ~ %s → %s', (a, b, close) => {
    expect(namesClose(a, b)).toBe(close);
  });
  it.each([
    ['2019-07-03', '2019-03-07'],
    ['2019-03-03', null],
    ['2019-03-15', null],
  ])('transposed %s → %s', (d, t) => {
    expect(transposedDate(d)).toBe(t);
  });

  const lily = {
    firstName: 'Lily',
    lastName: 'Hill',
    dateOfBirth: '2019-03-07',
    nhsNumber: '9434765919',
  };
  it.each([
    [
      'the NHS number alone',
      { firstName: 'X', lastName: 'Y', dateOfBirth: null, nhsNumber: '9434765919' },
      'nhs_number',
    ],
    [
      'typos and a transposed date',
      { firstName: 'Lilly', lastName: 'Hil', dateOfBirth: '2019-07-03', nhsNumber: null },
      'name_and_transposed_date_of_birth',
    ],
    [
      'names swapped',
      { firstName: 'Hill', lastName: 'Lily', dateOfBirth: '2019-03-07', nhsNumber: null },
      'name_and_date_of_birth',
    ],
    [
      'names without a date of birth',
      { firstName: 'Lily', lastName: 'Hill', dateOfBirth: null, nhsNumber: null },
      null,
    ],
    [
      'another date',
      { firstName: 'Lily', lastName: 'Hill', dateOfBirth: '2019-03-08', nhsNumber: null },
      null,
    ],
    [
      'another child the same day',
      { firstName: 'Mia', lastName: 'Khan', dateOfBirth: '2019-03-07', nhsNumber: null },
      null,
    ],
  ])('%s → %s', (_what, described, reason) => {
    expect(matchReason(described, lily)).toBe(reason);
  });
});

describe('who sees a contact (the kind declaration)', () => {
  const actor = (roles: Role[]): Actor => ({
    kind: 'user',
    id: 'u',
    localAuthorityId: 'la',
    roles,
    scopes: [],
    agency: null,
    name: 'x',
  });
  const facts = (f: Partial<ContactFacts>): ContactFacts => ({
    sameLa: true,
    frontDoor: false,
    referrer: false,
    cpQueue: false,
    ...f,
  });
  it.each([
    [
      'front-door worker',
      ['family_help_practitioner'],
      { frontDoor: true },
      'contact.screen',
      'allowed',
    ],
    [
      'front-door worker',
      ['family_help_practitioner'],
      { frontDoor: true },
      'contact.authorise',
      'forbidden',
    ],
    [
      'front-door manager',
      ['family_help_manager'],
      { frontDoor: true },
      'contact.authorise',
      'allowed',
    ],
    [
      'front-door worker, another LA',
      ['family_help_practitioner'],
      { frontDoor: true, sameLa: false },
      'contact.read',
      'not_found',
    ],
    [
      'Family Help practitioner outside the front door',
      ['family_help_practitioner'],
      {},
      'contact.read',
      'not_found',
    ],
    ['cp_manager, not on the CP queue', ['cp_manager'], {}, 'contact.read', 'not_found'],
    ['cp_manager, on the CP queue', ['cp_manager'], { cpQueue: true }, 'contact.read', 'allowed'],
    [
      'cp_manager, on the CP queue',
      ['cp_manager'],
      { cpQueue: true },
      'contact.screen',
      'forbidden',
    ],
    ['partner referrer', ['partner'], { referrer: true }, 'contact.read', 'allowed'],
    ['partner referrer', ['partner'], { referrer: true }, 'contact.screen', 'forbidden'],
    ['partner, not the referrer', ['partner'], {}, 'contact.read', 'not_found'],
  ] as const)('%s %j: %s → %s', (_who, roles, f, permission, expected) => {
    expect(contactVerdict(actor([...roles]), permission, facts(f)).verdict).toBe(expected);
  });
  it('a partner reads a contact as its referrer; front-door staff in full', () => {
    expect(contactVerdict(actor(['partner']), 'contact.read', facts({ referrer: true }))).toEqual({
      verdict: 'allowed',
      view: 'referrer',
    });
    expect(
      contactVerdict(
        actor(['family_help_manager']),
        'contact.read',
        facts({ frontDoor: true, referrer: true }),
      ),
    ).toEqual({ verdict: 'allowed', view: 'staff' });
  });
  it.each([
    [['partner'], false, true],
    [['family_help_practitioner'], true, true],
    [['family_help_practitioner'], false, false],
    [['ecpp'], false, false],
    [['cp_manager'], false, false],
  ] as const)('%j (front door %s) may raise a contact → %s', (roles, fd, ok) => {
    expect(mayCreateContact(actor([...roles]), fd)).toBe(ok);
  });
});
