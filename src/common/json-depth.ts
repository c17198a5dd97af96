import { badRequest, DomainError } from './domain-error';

/** Deepest JSON nesting a request body may have (OWASP API4: deeply nested payloads make
 * validation and transformation recurse until the stack overflows). */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
/** `%00` anywhere in the path or query string (Postgres text cannot hold U+0000). */
const ENCODED_NUL = /%00/;

/** Keys that reach an object's prototype chain when merged or assigned (prototype pollution,
 * OWASP): refused anywhere in a body, whatever the route does with it. */
export const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonInspection {
  depth: number;
  nul: boolean;
  /** Dotted path of the first `__proto__` / `constructor` / `prototype` key, if any. */
  prototypeKey?: string;
}

/** Nesting depth of a parsed JSON value (a scalar is 0, `{}` or `[]` is 1), whether any
 * string or key holds U+0000, and the first prototype key. Iterative, so a hostile body cannot
 * overflow the stack here; stops once past `limit`. */
export function inspectJson(value: unknown, limit = Number.MAX_SAFE_INTEGER): JsonInspection {
  let max = 0;
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [v, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof v === 'string') {
      if (v.includes(NUL)) return { depth: max, nul: true };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > limit) return { depth: max, nul: false };
    if (Array.isArray(v)) {
      v.forEach((child, i) => stack.push([child, d, path ? `${path}.${i}` : String(i)]));
    } else {
      // Own keys only (a parsed body's `__proto__` is an own key; Object.keys lists it).
      for (const k of Object.keys(v)) {
        if (k.includes(NUL)) return { depth: max, nul: true };
        const at = path ? `${path}.${k}` : k;
        if (PROTOTYPE_KEYS.has(k)) return { depth: max, nul: false, prototypeKey: at };
        stack.push([(v as Record<string, unknown>)[k], d, at]);
      }
    }
  }
  return { depth: max, nul: false };
}

export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  return inspectJson(value, limit).depth;
}

/** Checked once the body is parsed (the `preValidation` hook): a body nested deeper than
 * `maxDepth` (400 `json_too_deep`) or text holding U+0000 in the body, path or query (400
 * `nul_character`; Postgres refuses it, which would otherwise surface as a 500) is refused
 * before any guard or pipe sees it. */
export function jsonBodyRefusal(
  url: string,
  body: unknown,
  maxDepth = MAX_JSON_DEPTH,
): DomainError | null {
  if (ENCODED_NUL.test(url))
    return badRequest('nul_character', 'The URL must not contain NUL (%00) characters');
  if (body !== null && typeof body === 'object') {
    const { depth, nul, prototypeKey } = inspectJson(body, maxDepth);
    if (depth > maxDepth)
      return badRequest(
        'json_too_deep',
        `The request body is nested deeper than ${maxDepth} levels`,
      );
    if (nul) return badRequest('nul_character', 'Text in the request body must not contain U+0000');
    if (prototypeKey !== undefined) {
      const message = `${prototypeKey.split('.').pop()} is not an allowed key anywhere in a body`;
      return badRequest('prototype_key', `${prototypeKey}: ${message}`, [
        { field: prototypeKey, message },
      ]);
    }
  }
  return null;
}
