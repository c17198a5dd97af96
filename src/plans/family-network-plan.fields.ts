import { UpdateFamilyNetworkPlanDto } from './dto/family-network-plan.dto';
import type { PlanCarer, SupportPackage } from './family-network-plan-version.entity';

export const CONTENT = ['childIds', 'carers', 'supportPackage', 'reviewDate'] as const;

export function pick(v: {
  childIds: string[];
  carers: PlanCarer[];
  supportPackage: SupportPackage;
  reviewDate: string;
}) {
  return {
    childIds: v.childIds,
    carers: v.carers,
    supportPackage: v.supportPackage,
    reviewDate: v.reviewDate,
  };
}

export function definedOf(dto: UpdateFamilyNetworkPlanDto) {
  return Object.fromEntries(CONTENT.filter((f) => dto[f] !== undefined).map((f) => [f, dto[f]]));
}

/** The DTO as plain JSON (class instances and undefined fields dropped). */
export function plainPackage(p: SupportPackage): SupportPackage {
  return JSON.parse(JSON.stringify(p)) as SupportPackage;
}

export function definedFields<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
