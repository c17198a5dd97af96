/**
 * THE RECORD-KIND DECLARATION: what every mechanism needs to know about a kind of record, said
 * once, in the feature folder that owns the kind (`src/<feature>/record-kinds.ts`). The gate
 * reads an in-case kind's table, record facts and verdict rows from the declaration a service
 * hands it (`requireRecord(…, { kind: FAMILY_NETWORK_PLAN, id })`); the idempotent-replay
 * re-check, the denial audit's record lookup, sharing, events and the training scenarios read
 * the assembled list (`src/record-kinds.ts`, injected as `RECORD_KINDS`).
 *
 * This file holds only the type, the small builders and the pure route resolution: it imports
 * nothing from a feature, so every floor above may declare kinds.
 */
import type { Permission } from 'src/access/permissions';
import type { Rule } from 'src/access/predicates';

/** Injection token of the assembled registry (`readonly RecordKindDecl[]`). */
export const RECORD_KINDS = Symbol('RECORD_KINDS');

interface KindBase {
  /** The kind's name: the audit trail's `record_type`, the share rows' `record_type`. */
  readonly name: string;
  /** For "<Label> not found". */
  readonly label: string;
  /**
   * The route templates that address one record of this kind (and everything under them):
   * the LAST `:param` of a template is the record's id. An in-case template that starts
   * `/api/v1/cases/:id/` also carries the case's id in `:id`.
   */
  readonly routes: readonly string[];
  /** The permissions the routes on this kind declare (documentation and the registry test). */
  readonly permissions: readonly Permission[];
  /** The integration event types raised about records of this kind (`src/events`). */
  readonly events?: readonly string[];
  /** The training scenario event kinds that create or change records of this kind. */
  readonly trainingEvents?: readonly string[];
}

/** The case itself. */
export interface CaseKind extends KindBase {
  readonly locate: 'case';
}

/** A family (a family's refusal is judged by the family verdict). */
export interface FamilyKind extends KindBase {
  readonly locate: 'family';
}

/** A record's facts beyond its case, as SQL over its row `r` (`me`: the caller's id; `kind`:
 * the caller's kind, 'user' | 'client'). */
export interface RecordFactSql {
  author: (r: string, me: string, kind: string) => string;
  shared: (r: string, me: string) => string;
  ownAgency: (r: string, me: string) => string;
}

/** A record inside one case: the gate judges it on its case, with its own facts and rows. */
export interface InCaseKind extends KindBase {
  readonly locate: 'in_case';
  /** Its table (or a subquery) with at least `id` and `case_id`. */
  readonly table: string;
  /** SQL of the record's children over its row `r` (default: its case's children). */
  readonly children?: (r: string) => string;
  readonly facts: RecordFactSql;
  /** Verdict rows for acting on one existing record of this kind; they replace the case's row
   * for that permission (`ruleFor`). */
  readonly rules: Readonly<Partial<Record<Permission, Rule>>>;
  /** Partners may be named on it (information-sharing records of this `name`): how a share's
   * timeline entry names it, and what a share discloses unless the sharer says it in their own
   * words. `false`: never shared by name. */
  readonly sharing: false | { readonly label: string; readonly discloses: string };
}

/** A record of one local authority outside any case (a user, a team, a webhook…): a replay is
 * re-checked as "still of the caller's LA", a refusal is audited on its LA. */
export interface TenantKind extends KindBase {
  readonly locate: 'tenant';
  readonly table: string;
  /** The column holding the record's LA. */
  readonly laColumn: string;
  /** SQL of the record's children over its row `r` (default none). */
  readonly children?: (r: string) => string;
}

/** Not a stored record: a name from a fixed catalogue (a training scenario, an indicator). The
 * role is the whole permission; nothing more to re-check or look up. */
export interface CatalogueKind extends KindBase {
  readonly locate: 'catalogue';
}

export type RecordKindDecl = CaseKind | FamilyKind | InCaseKind | TenantKind | CatalogueKind;

/** No author fact; still mentions the bound caller kind, so Postgres knows its type. */
export function noAuthor(_r: string, _me: string, kind: string): string {
  return `(FALSE AND ${kind} IS NOT NULL)`;
}

/** `EXISTS` an active information-sharing record of `recordType` `recordId` naming `me`. */
export function activeShare(
  recordType: string,
  recordId: string,
  me: string,
  extra = 'TRUE',
): string {
  return `EXISTS (SELECT 1 FROM information_sharing_record s
                   WHERE s.record_type = '${recordType}' AND s.record_id = ${recordId}
                     AND s.with_user_id = ${me} AND s.ended_at IS NULL AND ${extra})`;
}

/** Facts of a kind with no author and no share. */
export const NO_RECORD_FACTS: RecordFactSql = Object.freeze({
  author: noAuthor,
  shared: () => 'FALSE',
  ownAgency: () => 'FALSE',
});

/** Facts of a kind partners may be named on: shared while a share of this very record is
 * active. */
export function sharedFacts(name: string): RecordFactSql {
  return {
    author: noAuthor,
    shared: (r, me) => activeShare(name, `${r}.id`, me),
    ownAgency: () => 'FALSE',
  };
}

/** What a route names: the kind, the record's id and (in-case routes under a case) its case. */
export interface ResolvedRoute {
  kind: RecordKindDecl;
  id: string;
  caseId?: string;
}

const CASE_PREFIX = '/api/v1/cases/:id/';

/** The `:param` names of a route template, in order. */
export function paramsOf(template: string): string[] {
  return [...template.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

/**
 * The kind that owns `route` (a route template such as `/api/v1/family-network-plans/:id/end`):
 * the declaration with the longest template that is the route or a prefix of it. `null` when
 * no kind owns it; `resolveRoute` then tells "names nothing" from "unknown".
 */
export function kindOfRoute(
  kinds: readonly RecordKindDecl[],
  route: string,
): { kind: RecordKindDecl; template: string } | null {
  let best: { kind: RecordKindDecl; template: string } | null = null;
  for (const kind of kinds)
    for (const template of kind.routes)
      if (
        (route === template || route.startsWith(`${template}/`)) &&
        (!best || template.length > best.template.length)
      )
        best = { kind, template };
  return best;
}

/**
 * The record a request names, from its route template and parameters: `'none'` for a route
 * without parameters (a list, a create), `'unknown'` for a route with parameters that no kind
 * owns (the replay then refuses: it fails closed).
 */
export function resolveRoute(
  kinds: readonly RecordKindDecl[],
  route: string,
  params: Record<string, unknown>,
): ResolvedRoute | 'none' | 'unknown' {
  const owner = kindOfRoute(kinds, route);
  if (!owner) return paramsOf(route).length === 0 ? 'none' : 'unknown';
  const names = paramsOf(owner.template);
  const id = params[names[names.length - 1]];
  if (typeof id !== 'string') return 'unknown';
  const underCase =
    owner.kind.locate === 'in_case' && names.length > 1 && owner.template.startsWith(CASE_PREFIX);
  const caseId = underCase ? params.id : undefined;
  return typeof caseId === 'string' ? { kind: owner.kind, id, caseId } : { kind: owner.kind, id };
}

/** The registry's own rules, checked at assembly: one declaration per name and per template. */
export function checkRegistry(kinds: readonly RecordKindDecl[]): readonly RecordKindDecl[] {
  const names = new Set<string>();
  const templates = new Set<string>();
  for (const k of kinds) {
    if (names.has(k.name)) throw new Error(`record kind ${k.name} is declared twice`);
    names.add(k.name);
    for (const t of k.routes) {
      if (templates.has(t)) throw new Error(`route ${t} is claimed by two record kinds`);
      if (paramsOf(t).length === 0) throw new Error(`route ${t} of ${k.name} names no record`);
      templates.add(t);
    }
  }
  return Object.freeze([...kinds]);
}

/** The kinds partners may be named on (sharing). */
export function sharedKinds(kinds: readonly RecordKindDecl[]): InCaseKind[] {
  return kinds.filter((k): k is InCaseKind => k.locate === 'in_case' && k.sharing !== false);
}
