import { toProblem } from './problem.filter';
import { inspectJson, jsonDepth } from './json-depth';
import { decodeCursor, encodeCursor, setCursorSecret } from './pagination';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays; scalars are 0', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
  });
  it('survives (and stops early on) nesting far deeper than the stack', () => {
    let v: unknown = 1;
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(jsonDepth(v, 32)).toBe(33);
    expect(jsonDepth(v)).toBe(200_000);
  });
});

describe('signed cursors', () => {
  it('round-trips what the API issued', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'a']), 2)).toEqual([
      '2026-01-01T00:00:00.000Z',
      'a',
    ]);
  });
  it.each([
    ['an unsigned payload', Buffer.from('["x","y"]').toString('base64url')],
    [
      'a forged payload with a reused signature',
      (() => {
        const [, mac] = encodeCursor(['a', 'b']).split('.');
        return `${Buffer.from('["\'; DROP TABLE x","1"]').toString('base64url')}.${mac}`;
      })(),
    ],
    ['an extra segment', `${encodeCursor(['a', 'b'])}.x`],
    ['a truncated signature', encodeCursor(['a', 'b']).slice(0, -1)],
  ])('rejects %s with a 400 on cursor', (_what, cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(expect.objectContaining({ status: 400 }));
  });
  it('rejects cursors signed under another secret (e.g. after rotation)', () => {
    setCursorSecret('one-secret-that-is-long-enough-000000000');
    const c = encodeCursor(['a', 'b']);
    setCursorSecret('another-secret-that-is-long-enough-00000');
    expect(() => decodeCursor(c, 2)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('toProblem and the database', () => {
  it('maps a unique violation that slipped past a service check (a race) to 409, without SQL', () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint "UQ_x"'), {
      driverError: { code: '23505' },
    });
    const p = toProblem(err);
    expect(p).toMatchObject({ status: 409, code: 'conflict' });
    expect(JSON.stringify(p)).not.toMatch(/UQ_x|duplicate key/);
  });
  it('keeps other database errors a 500', () => {
    expect(toProblem(Object.assign(new Error('x'), { code: '23502' })).status).toBe(500);
  });
});

describe('NUL characters', () => {
  it('are found in strings and keys at any depth', () => {
    expect(inspectJson({ a: ['ok', { b: 'x\u0000y' }] }).nul).toBe(true);
    expect(inspectJson({ ['k\u0000']: 1 }).nul).toBe(true);
    expect(inspectJson({ a: ['ok', { b: 'fine' }] }).nul).toBe(false);
  });
});
