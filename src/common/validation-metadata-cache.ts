import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const CACHED = Symbol.for('tandem.validationMetadataCache');

/**
 * class-validator looks up a class's rules on every `validate()` (every request body and query,
 * and every nested object in them): it walks the rules of **every** decorated class in the
 * process to find the ones the class inherits (an `instanceof` per class, ~700 DTOs here), then
 * groups the result by property. That walk was the largest single JavaScript cost of a small
 * validated request (issue 31, docs/bench.md). The rules are fixed once the DTO modules are
 * loaded, so the answer is kept per class and option set; any rule registered later (a module
 * loaded late, a test's own class) clears the cache. The arrays handed out are shared: the
 * validator only reads them.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as Storage & { [CACHED]?: true };
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let byClass = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const clear = () => {
    byClass = new Map();
    grouped = new WeakMap();
  };
  for (const name of [
    'addValidationMetadata',
    'addValidationSchema',
    'addConstraintMetadata',
  ] as const) {
    const add = (storage[name] as (...args: unknown[]) => void).bind(storage);
    (storage as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      clear();
      add(...args);
    };
  }
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forClass = byClass.get(target);
    if (!forClass) byClass.set(target, (forClass = new Map()));
    let found = forClass.get(key);
    if (!found) forClass.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}
