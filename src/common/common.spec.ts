import { decodeCursor, encodeCursor, toPage } from './pagination';
import { requireIfMatch, etagFor } from './etag';
import { DomainError } from './domain-error';
import { toProblem } from './problem.filter';

describe('cursor', () => {
  it('round-trips keys', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 'abc']), 2)).toEqual(['2026-01-01', 'abc']);
  });
  it('treats no cursor as the first page', () => expect(decodeCursor(undefined, 2)).toBeNull());
  it.each([
    '%%%',
    encodeCursor(['a']),
    Buffer.from('{"a":1}').toString('base64url'),
    encodeCursor([{} as never, 'x']),
  ])('rejects malformed cursor %s with a 400', (c) => {
    try {
      decodeCursor(c, 2);
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).status).toBe(400);
      expect((e as DomainError).errors?.[0].field).toBe('cursor');
    }
  });
  it('pages limit+1 rows', () => {
    const page = toPage([{ id: 'a' }, { id: 'b' }, { id: 'c' }], 2, (r) => [r.id]);
    expect(page.data.map((r) => r.id)).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual(['b']);
    expect(toPage([{ id: 'a' }], 2, (r) => [r.id]).nextCursor).toBeNull();
  });
});

describe('If-Match', () => {
  it('parses strong and weak etags', () => {
    expect(requireIfMatch(etagFor(7))).toBe(7);
    expect(requireIfMatch('W/"12"')).toBe(12);
  });
  it('missing is 428, malformed is 400', () => {
    expect(() => requireIfMatch(undefined)).toThrow(expect.objectContaining({ status: 428 }));
    expect(() => requireIfMatch('7')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => requireIfMatch('"x"')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('toProblem', () => {
  it('never exposes an unknown error message', () => {
    const p = toProblem(new Error('relation "users" does not exist at SELECT ...'));
    expect(p.status).toBe(500);
    expect(JSON.stringify(p)).not.toMatch(/relation|SELECT/);
  });
  it('maps body-parser errors', () => {
    expect(toProblem({ type: 'entity.too.large', status: 413 }).status).toBe(413);
    expect(toProblem({ type: 'entity.parse.failed', status: 400 }).code).toBe('malformed_json');
  });
});
