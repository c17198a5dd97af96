/**
 * The information request's rows of the verdict table (record-kinds.ts): its addressee (a
 * partner or MACPT member named on it, or of its agency) reads and answers it and sees nothing
 * else; case staff read it; the co-working ECPP or a cp_manager sends and withdraws. Pure.
 */
import type { Caller, CaseFacts } from 'src/access/predicates';
import type { Role } from 'src/access/roles';
import { verdict } from 'src/access/verdict';
import { INFORMATION_REQUEST } from './record-kinds';

const user = (...roles: Role[]): Caller => ({ kind: 'user', roles, scopes: [] });
const base: CaseFacts = {
  sameLa: true,
  restricted: false,
  lead: false,
  coWorker: false,
  teamMember: false,
  coWorked: true,
  macptOpen: false,
  record: null,
};

describe('verdict: an information request (record rows)', () => {
  const request = (shared: boolean): CaseFacts => ({
    ...base,
    record: { kind: INFORMATION_REQUEST, author: false, shared, ownAgency: false },
  });
  it.each([
    ['partner', 'information_request.read', true, 'allowed'],
    ['partner', 'information_request.respond', true, 'allowed'],
    ['partner', 'information_request.read', false, 'not_found'],
    ['partner', 'information_request.respond', false, 'not_found'],
    ['macpt_member', 'information_request.respond', true, 'allowed'],
    ['macpt_member', 'information_request.read', false, 'not_found'],
    ['ecpp', 'information_request.read', false, 'allowed'],
    ['ecpp', 'information_request.respond', false, 'forbidden'],
    ['cp_manager', 'information_request.send', false, 'allowed'],
    ['family_help_practitioner', 'information_request.read', false, 'forbidden'],
  ] as const)('%s %s (addressee: %s) → %s', (r, p, shared, expected) => {
    expect(verdict(user(r), p, request(shared))).toBe(expected);
  });
  it('a MACPT member whose team’s work is open on the case still sees only requests addressed to it', () => {
    const f = { ...request(false), macptOpen: true };
    expect(verdict(user('macpt_member'), 'information_request.read', f)).toBe('not_found');
    expect(verdict(user('macpt_member'), 'case.read', { ...f, record: null })).toBe('allowed');
  });
});
