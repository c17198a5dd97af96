import type { EntityManager } from 'typeorm';
import { DomainError } from 'src/common/domain-error';

/**
 * A child has at most one open case in a local authority (docs/domain.md). Takes a transaction-scoped
 * advisory lock per child (in a fixed order, so two openings never deadlock) and then looks for
 * an open case of any of `childIds` other than `exceptCaseId`: 409 `child_has_open_case` naming
 * it. The lock is held until the transaction commits, so two concurrent openings for the same
 * child cannot both pass.
 */
export async function assertNoOtherOpenCase(
  m: EntityManager,
  la: string,
  childIds: readonly string[],
  exceptCaseId: string | null,
): Promise<void> {
  for (const childId of [...childIds].sort()) {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('open-case:' || $1, 0))`, [
      childId,
    ]);
  }
  const rows: { case_id: string; child_id: string }[] = await m.query(
    `SELECT c.id AS case_id, cc.person_id AS child_id
       FROM case_child cc JOIN case_record c ON c.id = cc.case_id
      WHERE c.local_authority_id = $1 AND c.stage <> 'closed' AND cc.person_id = ANY($2::uuid[])
        AND ($3::uuid IS NULL OR c.id <> $3::uuid)
      ORDER BY c.id, cc.person_id`,
    [la, childIds, exceptCaseId],
  );
  if (rows.length === 0) return;
  const openCaseId = rows[0].case_id;
  const children = [
    ...new Set(rows.filter((r) => r.case_id === openCaseId).map((r) => r.child_id)),
  ];
  throw new DomainError(
    409,
    'child_has_open_case',
    `A child has at most one open case: case ${openCaseId} is open for ${children.join(', ')}`,
    [{ field: 'childIds', message: `already in open case ${openCaseId}: ${children.join(', ')}` }],
    { openCaseId, childIds: children },
  );
}
