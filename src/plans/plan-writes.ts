/** Small checks shared by the plan services (no Nest, no database). */
import { conflict, validationFailed } from 'src/common/domain-error';
import type { RuleResult } from './plan-rules';

export function requireChildrenOfCase(
  field: string,
  childIds: readonly string[],
  caseChildIds: readonly string[],
): void {
  const outside = childIds.filter((id) => !caseChildIds.includes(id));
  if (outside.length)
    throw validationFailed(field, `not children of this case: ${outside.join(', ')}`);
}

/** A rule's refusal as a 409 with its code; else its value. */
export function orConflict<T>(r: RuleResult<T>): T {
  if (!r.ok) throw conflict(r.code, r.detail);
  return r.value;
}
