import type { NextFunction, Request, Response } from 'express';
import { badRequest } from './domain-error';

/** Deepest JSON nesting a request body may have (OWASP API4: deeply nested payloads make
 * validation and transformation recurse until the stack overflows). */
export const MAX_JSON_DEPTH = 32;

/** Nesting depth of a parsed JSON value (a scalar is 0, `{}` or `[]` is 1); iterative, so a
 * hostile body cannot overflow the stack here. Stops counting once past `limit`. */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d]);
    }
  }
  return max;
}

/** Express middleware placed after the JSON body parser: bodies nested deeper than
 * `maxDepth` are refused with a 400 problem before any pipe or guard sees them. */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (body !== null && typeof body === 'object' && jsonDepth(body, maxDepth) > maxDepth) {
      next(
        badRequest('json_too_deep', `The request body is nested deeper than ${maxDepth} levels`),
      );
      return;
    }
    next();
  };
}
