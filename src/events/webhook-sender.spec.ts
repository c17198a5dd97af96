import { parseRetryAfter } from './webhook-sender';

describe('Retry-After (RFC 9110 §10.2.3) as a webhook receiver sends it', () => {
  const now = Date.parse('2026-11-02T10:00:00Z');
  it.each([
    ['delay-seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['an HTTP-date', 'Mon, 02 Nov 2026 10:01:30 GMT', 90_000],
    ['an HTTP-date already past', 'Mon, 02 Nov 2026 09:00:00 GMT', 0],
  ])('reads %s', (_what, value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
  it.each([undefined, '', 'soon', '-5', '1.5', 'Mon, 99 Foo 2026 25:00:00 GMT'])(
    'ignores %p (null)',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeNull();
    },
  );
});
