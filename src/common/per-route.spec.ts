import type { ExecutionContext } from '@nestjs/common';
import { perRoute } from './per-route';

const route = (cls: object, handler: object) =>
  ({ getClass: () => cls, getHandler: () => handler }) as unknown as ExecutionContext;

describe('perRoute: a value worked out once per route (controller and handler)', () => {
  class A {}
  class B extends A {}
  const handler = () => undefined;
  const other = () => undefined;

  it('computes on the first request of a route and keeps the value, null and false included', () => {
    const seen: string[] = [];
    const of = perRoute((c) => {
      seen.push(`${(c.getClass() as { name: string }).name}.${c.getHandler() === handler}`);
      return c.getHandler() === handler ? null : false;
    });
    expect([of(route(A, handler)), of(route(A, handler)), of(route(A, other))]).toEqual([
      null,
      null,
      false,
    ]);
    expect(of(route(A, other))).toBe(false);
    expect(seen).toEqual(['A.true', 'A.false']);
  });

  it('a handler inherited by two controllers is two routes (each its own class-level metadata)', () => {
    let n = 0;
    const of = perRoute((c) => `${(c.getClass() as { name: string }).name}#${++n}`);
    expect(of(route(A, handler))).toBe('A#1');
    expect(of(route(B, handler))).toBe('B#2');
    expect(of(route(A, handler))).toBe('A#1');
  });
});
