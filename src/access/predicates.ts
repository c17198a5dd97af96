/**
 * The vocabulary of the verdict table: small named predicates over (caller, case facts) that
 * can also be written as SQL over a `case_record` row. A rule built from them is evaluated in
 * memory for one record (`verdict`) and rendered into a WHERE clause for lists
 * (`caseFilterSql`), so a list can never show what a single read would refuse.
 *
 * Pure: no Nest, no database.
 */
import type { Actor } from './actor';
import { isGranted, Permission } from './permissions';
import type { Role, Scope } from './roles';

/** Who is asking: what the verdict needs of an `Actor`. */
export type Caller = Pick<Actor, 'kind' | 'roles' | 'scopes'>;

/** What the verdict needs of a record kind's declaration (`InCaseKind` in
 * src/common/record-kind.ts has these). */
export interface RecordRows {
  readonly name: string;
  readonly rules: Readonly<Partial<Record<Permission, Rule>>>;
}

/**
 * Facts about one record the caller targets, beyond its case: who wrote it, and whether it is
 * shared with the caller (a `partner` user named on this very record, e.g. on a plan or a
 * family group decision-making meeting). A share is a grant on that record only, never on the
 * case or on its other records.
 */
export interface RecordFacts {
  /** The record's kind, as its feature folder declares it (src/<feature>/record-kinds.ts, an
   * `InCaseKind`): its name and its own rows of the verdict table. */
  kind: RecordRows;
  /** The caller wrote the record. */
  author: boolean;
  /** The caller is a partner named on the record (an active share). */
  shared: boolean;
  /** The caller's active share covers the record and is of the record's owning agency (a
   * safety-plan action owned by the partner's agency). */
  ownAgency: boolean;
}

/**
 * The facts about a caller and one case, all loaded by one query (`CASE_FACT_SQL` below,
 * through `CaseFactsRepository`). Caller-relative facts are false for API clients.
 */
export interface CaseFacts {
  /** The case belongs to the caller's local authority. */
  sameLa: boolean;
  restricted: boolean;
  /** The caller is the case's lead practitioner. */
  lead: boolean;
  /** The caller is an active (not ended) co-worker on the case. */
  coWorker: boolean;
  /** The caller is a member of the case's team. */
  teamMember: boolean;
  /** The case has an active co-worker (anyone): it is co-worked. */
  coWorked: boolean;
  /** The caller is a current MACPT member (agency and statutory role) of a team whose strategy
   * discussion on the case is open (scheduled or held) or whose s47 enquiry is open. */
  macptOpen: boolean;
  /** The record the request targets inside the case; null when it is the case itself. */
  record: RecordFacts | null;
}

/** Where the SQL form of a predicate finds things: the case alias and the caller's id. */
export interface SqlRefs {
  /** Alias of `case_record`. */
  c: string;
  /** SQL expression of the caller's user id (a bound parameter). */
  me: string;
}

/** Each caller-relative case fact, once, as SQL over `case_record` (used by the facts loader
 * and by every list filter). */
export const CASE_FACT_SQL = {
  restricted: (q: SqlRefs) => `${q.c}.restricted`,
  lead: (q: SqlRefs) => `${q.c}.lead_practitioner_id = ${q.me}`,
  coWorker: (q: SqlRefs) =>
    `EXISTS (SELECT 1 FROM case_co_worker fw WHERE fw.case_id = ${q.c}.id AND fw.user_id = ${q.me} AND fw.ended_at IS NULL)`,
  teamMember: (q: SqlRefs) =>
    `EXISTS (SELECT 1 FROM team_member ftm WHERE ftm.team_id = ${q.c}.team_id AND ftm.user_id = ${q.me})`,
  coWorked: (q: SqlRefs) =>
    `EXISTS (SELECT 1 FROM case_co_worker fcw WHERE fcw.case_id = ${q.c}.id AND fcw.ended_at IS NULL)`,
  macptOpen: (q: SqlRefs) =>
    `EXISTS (SELECT 1 FROM strategy_discussion fsd
               JOIN team_member fmt ON fmt.team_id = fsd.team_id AND fmt.user_id = ${q.me}
                                   AND fmt.statutory_role IS NOT NULL
              WHERE fsd.case_id = ${q.c}.id AND ${q.c}.stage <> 'closed'
                AND (fsd.status IN ('scheduled','held') OR fsd.enquiry_open))`,
} as const;

type CaseFact = keyof typeof CASE_FACT_SQL;

/** One row of the verdict table: who may see the record at all (else 404), and who of them may
 * act (else 403). */
export interface Rule {
  see: Pred;
  act?: Pred;
  /** The 403 detail when `act` fails. */
  why?: string;
}

/** A named condition, testable in memory and writable as SQL. */
export interface Pred {
  readonly name: string;
  test(caller: Caller, f: CaseFacts): boolean;
  /** SQL over the case row; record facts (author, shared) have no list form and are FALSE. */
  sql(caller: Caller, q: SqlRefs): string;
}

const TRUE = 'TRUE';
const FALSE = 'FALSE';

/** A fact of the case or of the caller's relation to it (relations are false for clients). */
export function fact(key: CaseFact): Pred {
  const relational = key !== 'restricted' && key !== 'coWorked';
  return {
    name: key,
    test: (c, f) => (relational && c.kind !== 'user' ? false : f[key]),
    sql: (c, q) => (relational && c.kind !== 'user' ? FALSE : CASE_FACT_SQL[key](q)),
  };
}

/** A fact of the targeted record (never true in a list of cases). */
export function recordFact(key: 'author' | 'shared' | 'ownAgency'): Pred {
  return { name: key, test: (_c, f) => f.record?.[key] ?? false, sql: () => FALSE };
}

/** The caller is a user holding one of the roles. */
export function role(...roles: Role[]): Pred {
  const test = (c: Caller) => c.kind === 'user' && c.roles.some((r) => roles.includes(r));
  return { name: roles.join('|'), test, sql: (c) => (test(c) ? TRUE : FALSE) };
}

/** The caller is an API client holding one of the scopes. */
export function scope(...scopes: Scope[]): Pred {
  const test = (c: Caller) => c.kind === 'client' && c.scopes.some((s) => scopes.includes(s));
  return { name: scopes.join('|'), test, sql: (c) => (test(c) ? TRUE : FALSE) };
}

/**
 * The caller reads every case of its LA by its role map (`case.read`): a role other than
 * `macpt_member` (which reads a case only through the `macptOpen` fact), or a client scope.
 */
export function readsEveryCase(): Pred {
  const test = (c: Caller) =>
    c.kind === 'client'
      ? isGranted(c as Actor, 'case.read')
      : c.roles.some(
          (r) => r !== 'macpt_member' && isGranted({ ...(c as Actor), roles: [r] }, 'case.read'),
        );
  return { name: 'readsEveryCase', test, sql: (c) => (test(c) ? TRUE : FALSE) };
}

/** The caller's roles or scopes grant the permission (the role → permission map). */
export function granted(permission: Permission): Pred {
  const test = (c: Caller) => isGranted(c as Actor, permission);
  return { name: `granted(${permission})`, test, sql: (c) => (test(c) ? TRUE : FALSE) };
}

export function not(p: Pred): Pred {
  return {
    name: `not ${p.name}`,
    test: (c, f) => !p.test(c, f),
    sql: (c, q) => {
      const s = p.sql(c, q);
      return s === TRUE ? FALSE : s === FALSE ? TRUE : `NOT (${s})`;
    },
  };
}

export function any(...ps: Pred[]): Pred {
  return {
    name: `(${ps.map((p) => p.name).join(' or ')})`,
    test: (c, f) => ps.some((p) => p.test(c, f)),
    sql: (c, q) => {
      const parts = ps.map((p) => p.sql(c, q)).filter((s) => s !== FALSE);
      if (parts.includes(TRUE)) return TRUE;
      return parts.length === 0 ? FALSE : `(${parts.join(' OR ')})`;
    },
  };
}

export function all(...ps: Pred[]): Pred {
  return {
    name: `(${ps.map((p) => p.name).join(' and ')})`,
    test: (c, f) => ps.every((p) => p.test(c, f)),
    sql: (c, q) => {
      const parts = ps.map((p) => p.sql(c, q)).filter((s) => s !== TRUE);
      if (parts.includes(FALSE)) return FALSE;
      return parts.length === 0 ? TRUE : `(${parts.join(' AND ')})`;
    },
  };
}

/** Facts of no case: for rules that look only at the caller (roles and scopes). */
export const NO_CASE: CaseFacts = {
  sameLa: false,
  restricted: false,
  lead: false,
  coWorker: false,
  teamMember: false,
  coWorked: false,
  macptOpen: false,
  record: null,
};
