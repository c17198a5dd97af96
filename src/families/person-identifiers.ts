/**
 * A child's identifiers (docs/front-door.md "Identifiers"), pure: which children lack what the
 * identifier rule asks from a section 47 enquiry onward — a verified NHS number, or a recorded
 * reason why there is none.
 */
import type { EntityManager } from 'typeorm';
import { conflict } from 'src/common/domain-error';

export const NHS_VERIFICATION_SOURCES = ['pds_trace', 'health_confirmed', 'manual'] as const;
export type NhsVerificationSource = (typeof NHS_VERIFICATION_SOURCES)[number];

export interface ChildIdentifiers {
  id: string;
  nhsNumber: string | null;
  nhsVerificationSource: string | null;
  nhsUnverifiedReason: string | null;
}

/** Verified NHS number, or a reason recorded: the rule is met. */
export const identifierMet = (c: ChildIdentifiers): boolean =>
  (!!c.nhsNumber && !!c.nhsVerificationSource) || !!c.nhsUnverifiedReason?.trim();

/** Decisions that begin or continue the child-protection line (the rule applies from them). */
export const IDENTIFIER_DECISIONS: readonly string[] = [
  'start_section_47_enquiry',
  'start_child_protection_plan',
];

/**
 * 409 `identifier_required` when the LA has the rule in force on `effectiveDate` and one of
 * `childIds` has neither a verified NHS number nor a recorded reason. Decisions already recorded
 * are never re-checked: the rule binds new decisions only.
 */
export async function requireChildIdentifiers(
  m: EntityManager,
  la: string,
  childIds: readonly string[],
  effectiveDate: string,
): Promise<void> {
  const [rule]: { from: string | null }[] = await m.query(
    `SELECT identifier_rule_from::text AS "from" FROM local_authority WHERE id = $1`,
    [la],
  );
  if (!rule?.from || effectiveDate < rule.from) return;
  const rows: ChildIdentifiers[] = await m.query(
    `SELECT id, nhs_number AS "nhsNumber", nhs_verification_source AS "nhsVerificationSource",
            nhs_unverified_reason AS "nhsUnverifiedReason"
       FROM person WHERE local_authority_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`,
    [la, childIds],
  );
  const missing = rows.filter((r) => !identifierMet(r)).map((r) => r.id);
  if (missing.length)
    throw conflict(
      'identifier_required',
      `From a section 47 enquiry onward each child needs a verified NHS number or a recorded reason why not (PATCH /persons/:id/identifiers); missing for ${missing.length} child(ren)`,
      { childIds: missing },
    );
}
