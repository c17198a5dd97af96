import { VerifiedTokens } from './verified-tokens';

const payload = (exp?: number, nbf?: number) => ({
  sub: '00000000-0000-4000-8000-000000000001',
  typ: 'user' as const,
  la: null,
  ...(exp === undefined ? {} : { exp }),
  ...(nbf === undefined ? {} : { nbf }),
});

describe('VerifiedTokens', () => {
  it('returns a verified payload until the second of its exp, as jsonwebtoken judges expiry', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', payload(1_000));
    expect(tokens.get('a.b.c', 999_999)).toMatchObject({ exp: 1_000 });
    expect(tokens.get('a.b.c', 1_000_000)).toBeUndefined(); // now >= exp: expired
    expect(tokens.size).toBe(0); // and forgotten
  });

  it('knows only the exact token text it was given', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', payload(1_000));
    expect(tokens.get('a.b.c ', 0)).toBeUndefined();
    expect(tokens.get('a.b.C', 0)).toBeUndefined();
  });

  it('never keeps a payload without exp, and honours nbf', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('no-exp', payload());
    expect(tokens.get('no-exp', 0)).toBeUndefined();
    tokens.remember('later', payload(2_000, 1_500));
    expect(tokens.get('later', 1_000_000)).toBeUndefined();
    expect(tokens.get('later', 1_500_000)).toMatchObject({ nbf: 1_500 });
  });

  it('is bounded: past max entries the oldest is dropped', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('t1', payload(9_000));
    tokens.remember('t2', payload(9_000));
    tokens.remember('t3', payload(9_000));
    expect(tokens.size).toBe(2);
    expect(tokens.get('t1', 0)).toBeUndefined();
    expect(tokens.get('t3', 0)).toBeDefined();
  });
});
