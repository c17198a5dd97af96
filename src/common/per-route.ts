import type { ExecutionContext } from '@nestjs/common';

/**
 * `compute` worked out once per route, on its first request, then kept: for what depends only on
 * a route's decorator metadata, which is fixed once the app has started (guards otherwise read it
 * through the reflector on every request). A route is its controller and its handler: a handler
 * inherited by two controllers may take each one's class-level metadata.
 */
export function perRoute<T>(
  compute: (context: ExecutionContext) => T,
): (context: ExecutionContext) => T {
  const byClass = new WeakMap<object, WeakMap<object, T>>();
  return (context) => {
    const cls = context.getClass();
    const handler = context.getHandler();
    let byHandler = byClass.get(cls);
    if (!byHandler) byClass.set(cls, (byHandler = new WeakMap()));
    if (byHandler.has(handler)) return byHandler.get(handler) as T;
    const value = compute(context);
    byHandler.set(handler, value);
    return value;
  };
}
