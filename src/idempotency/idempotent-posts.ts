import { RequestMethod, UseInterceptors } from '@nestjs/common';
import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

type ModuleRef = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule>;

function controllersOf(
  ref: ModuleRef | undefined,
  seen: Set<unknown>,
  out: Set<Type<unknown>>,
): void {
  if (!ref || ref instanceof Promise) return;
  const mod = 'forwardRef' in ref ? (ref.forwardRef() as ModuleRef) : ref;
  if (!mod || mod instanceof Promise || seen.has(mod)) return;
  seen.add(mod);
  const cls = 'module' in mod ? mod.module : (mod as Type<unknown>);
  const dynamic = 'module' in mod ? mod : undefined;
  const controllers: Type<unknown>[] = [
    ...((Reflect.getMetadata('controllers', cls) as Type<unknown>[] | undefined) ?? []),
    ...(dynamic?.controllers ?? []),
  ];
  for (const c of controllers) out.add(c);
  const imports: ModuleRef[] = [
    ...((Reflect.getMetadata('imports', cls) as ModuleRef[] | undefined) ?? []),
    ...((dynamic?.imports as ModuleRef[] | undefined) ?? []),
  ];
  for (const i of imports) controllersOf(i, seen, out);
}

/**
 * Puts `IdempotencyInterceptor` on every POST handler of the controllers reachable from
 * `modules` (run before Nest scans them, e.g. in `AppModule.forRoot`). Idempotency-Key is a POST
 * header (docs/integrators.md): as a route interceptor on the POSTs alone, the GETs, PUTs, PATCHes and
 * DELETEs run with no interceptor at all, so Nest calls their handlers directly instead of
 * through an rxjs chain bound to the async context (that chain, global, cost ~0.14 ms of CPU
 * on every case read: docs/bench.md). Idempotent: a handler already carrying it is left alone.
 * Returns the POST handlers covered (for the test that checks none is missed).
 */
export function bindIdempotencyToPosts(modules: ModuleRef[]): string[] {
  const controllers = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  for (const m of modules) controllersOf(m, seen, controllers);
  const covered: string[] = [];
  for (const controller of controllers) {
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      const handler = descriptor?.value as unknown;
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      covered.push(`${controller.name}.${name}`);
      const present = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
      if (present.includes(IdempotencyInterceptor)) continue;
      UseInterceptors(IdempotencyInterceptor)(proto, name, descriptor as PropertyDescriptor);
    }
  }
  return covered;
}
