import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { AccessService, CaseContext } from 'src/access/access.service';
import type { Permission } from 'src/access/permissions';
import type { InCaseKind } from 'src/access/record-kind';
import { conflict } from 'src/common/domain-error';

/**
 * A write to an open case through the access gate: closed cases are read-only (409
 * `case_closed`) until reopened. Takes the case row FOR SHARE (FOR UPDATE with `exclusive`), so
 * a concurrent close waits for this write to commit. With `record`, the write targets that
 * existing record of the case (its row of the verdict table applies, e.g. a note's author).
 */
export async function requireOpenCase(
  access: AccessService,
  m: EntityManager,
  actor: Actor,
  permission: Permission,
  caseId: string,
  opts: { exclusive?: boolean; record?: { kind: InCaseKind; id: string } } = {},
): Promise<CaseContext> {
  const lock = opts.exclusive ? 'update' : 'share';
  const c = opts.record
    ? await access.requireRecord(m, actor, permission, caseId, opts.record, { lock })
    : await access.requireCase(m, actor, permission, caseId, { lock });
  if (c.stage === 'closed')
    throw conflict('case_closed', 'The case is closed and read-only; reopen it first');
  return c;
}
