import type { EntityManager } from 'typeorm';
import { badRequest, FieldError } from 'src/common/domain-error';
import type { PlanActionDto } from './plan.dto';
import type { PlanRepository } from './plan.repository';

/** Each action has an owner: a user of the LA (ownerUserId) or a name (400 naming the field). */
export async function assertOwners(
  plans: PlanRepository,
  m: EntityManager,
  la: string,
  items: { a: PlanActionDto; field: string }[],
): Promise<void> {
  const errors: FieldError[] = [];
  const f = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);
  for (const { a, field } of items) {
    if (!a.ownerUserId && !a.ownerName)
      errors.push({ field: f(field, 'ownerUserId'), message: 'give ownerUserId or ownerName' });
    else if (a.ownerUserId && a.ownerName)
      errors.push({
        field: f(field, 'ownerName'),
        message: 'give ownerUserId or ownerName, not both',
      });
    else if (a.ownerUserId && !(await plans.isLaUser(m, la, a.ownerUserId)))
      errors.push({
        field: f(field, 'ownerUserId'),
        message: 'must be an active user of your local authority',
      });
  }
  if (errors.length)
    throw badRequest(
      'validation_failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
}
