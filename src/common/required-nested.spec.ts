import 'reflect-metadata';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { flattenValidationErrors } from './validation';

/**
 * class-validator's `@ValidateNested()` lets an absent value through (it only refuses a value
 * that is there and is not an object), so a required nested object needs `@IsDefined()` too —
 * without it a body that leaves the object out reaches the service and ends in a 500. This
 * walks every DTO class in `src` and holds the rule: a nested property is optional, or an
 * array (`@IsArray`), or declared defined.
 */
function dtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dtoFiles(path);
    return /\.dto\.ts$|\/dto\/[^/]+\.ts$/.test(path) && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

type Ctor = new () => object;
const root = join(__dirname, '..');
const classes: [string, Ctor][] = dtoFiles(root).flatMap((file) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- every DTO module, found at run time
  Object.entries(require(file) as Record<string, unknown>)
    .filter((e): e is [string, Ctor] => typeof e[1] === 'function' && /Dto$/.test(e[0]))
    .map(([name, ctor]): [string, Ctor] => [`${relative(root, file)}#${name}`, ctor]),
);

function nestedRequiredWithoutGuard(ctor: Ctor): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false);
  const props = new Set(
    metas.filter((m) => m.type === 'nestedValidation').map((m) => m.propertyName),
  );
  return [...props].filter((p) => {
    const own = metas.filter((m) => m.propertyName === p);
    const optional = own.some((m) => m.type === 'conditionalValidation');
    const guarded = own.some(
      (m) =>
        m.type === 'isDefined' ||
        (m.type === 'customValidation' && ['isArray', 'isObject'].includes(m.name ?? '')),
    );
    return !optional && !guarded;
  });
}

describe('required nested objects in request bodies', () => {
  it('finds the DTO classes it guards', () => {
    expect(classes.length).toBeGreaterThan(100);
  });

  it('every nested property is optional, an array, or declared defined (@IsDefined)', () => {
    const bad = classes.flatMap(([name, ctor]) =>
      nestedRequiredWithoutGuard(ctor).map((p) => `${name}.${p}`),
    );
    expect(bad).toEqual([]);
  });

  it.each([
    ['ProposeFamilyAccessDto', 'safetyCheck'],
    ['ProposeFamilyAccessDto', 'contact'],
    ['CreateFamilySummaryDto', 'sections'],
    ['CreateFamilyNetworkPlanDto', 'supportPackage'],
    ['RecordFgdmMeetingDto', 'attendees'],
    ['ConcludeStrategyDiscussionDto', 'parentsInformed'],
    ['RecordHeldDto', 'parents'],
    ['CpPlanActionDto', 'owner'],
  ])('%s without %s is refused naming it as required', (dto, field) => {
    const [, ctor] = classes.find(([name]) => name.endsWith(`#${dto}`))!;
    const errors = flattenValidationErrors(
      validateSync(plainToInstance(ctor, {}), { whitelist: true, forbidNonWhitelisted: true }),
    );
    expect(errors).toContainEqual({ field, message: `${field} is required` });
  });
});
