import { badRequest, FieldError } from 'src/common/domain-error';
import type { PersonKind } from './person.entity';

export interface MemberRelationshipsInput {
  kind: PersonKind;
  relationship?: string;
  relationships?: { childId?: string; childIndex?: number; relationship: string }[];
}

export interface RelationshipRow {
  personId: string;
  childId: string;
  relationship: string;
}

type Target = { index: number } | { id: string };

/**
 * Works out each new member's relationship to each child: the explicit per-child entries
 * (`childIndex` → a child created in the same request, `childId` → an existing child of the
 * family), and `relationship` as the default for every other child but themself. Validates
 * eagerly (400 naming the field, e.g. `members.1.relationships.0.childIndex`); `resolve` turns
 * the plan into rows once the new members have ids (in request order).
 */
export function planRelationships(
  members: MemberRelationshipsInput[],
  existingChildIds: string[],
  prefix = 'members',
): { resolve(newIds: string[]): RelationshipRow[] } {
  const errors: FieldError[] = [];
  const at = (i: number, rest: string) => (prefix ? `${prefix}.${i}.${rest}` : rest);
  const planned: { member: number; target: Target; relationship: string }[] = [];

  members.forEach((member, i) => {
    const explicit = new Set<string>();
    (member.relationships ?? []).forEach((r, j) => {
      const field = at(i, `relationships.${j}`);
      const hasId = r.childId !== undefined;
      const hasIndex = r.childIndex !== undefined;
      if (hasId === hasIndex) {
        errors.push({ field, message: 'give exactly one of childId or childIndex' });
        return;
      }
      let target: Target;
      if (hasIndex) {
        const k = r.childIndex as number;
        if (!prefix || k >= members.length || k === i || members[k].kind !== 'child') {
          errors.push({
            field: `${field}.childIndex`,
            message: 'childIndex must be the index of another member of kind child in this request',
          });
          return;
        }
        target = { index: k };
      } else {
        const id = (r.childId as string).toLowerCase();
        if (!existingChildIds.includes(id)) {
          errors.push({
            field: `${field}.childId`,
            message: 'childId must be a child of this family',
          });
          return;
        }
        target = { id };
      }
      const key = 'index' in target ? `i${target.index}` : `c${target.id}`;
      if (explicit.has(key)) {
        errors.push({ field, message: 'the same child is given twice' });
        return;
      }
      explicit.add(key);
      planned.push({ member: i, target, relationship: r.relationship.trim() });
    });
    if (member.relationship) {
      const rel = member.relationship.trim();
      members.forEach((other, k) => {
        if (k !== i && other.kind === 'child' && !explicit.has(`i${k}`))
          planned.push({ member: i, target: { index: k }, relationship: rel });
      });
      for (const id of existingChildIds)
        if (!explicit.has(`c${id}`)) planned.push({ member: i, target: { id }, relationship: rel });
    }
  });
  if (errors.length)
    throw badRequest(
      'validation_failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );

  return {
    resolve: (newIds) =>
      planned.map((p) => ({
        personId: newIds[p.member],
        childId: 'index' in p.target ? newIds[p.target.index] : p.target.id,
        relationship: p.relationship,
      })),
  };
}
