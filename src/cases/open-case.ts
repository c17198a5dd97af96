import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { AccessService, CaseAccessInfo } from 'src/access/access.service';
import { conflict } from 'src/common/domain-error';

/**
 * Write access to an open case: closed cases are read-only (409 `case_closed`) until
 * reopened. Takes the case row FOR SHARE (FOR UPDATE with `exclusive`), so a concurrent close
 * waits for this write to commit.
 */
export async function requireOpenCase(
  access: AccessService,
  actor: Actor,
  caseId: string,
  m: EntityManager,
  exclusive = false,
): Promise<CaseAccessInfo> {
  const c = await access.requireCaseAccess(actor, caseId, 'write', m, {
    lock: exclusive ? true : 'share',
  });
  if (c.stage === 'closed')
    throw conflict('case_closed', 'The case is closed and read-only; reopen it first');
  return c;
}
