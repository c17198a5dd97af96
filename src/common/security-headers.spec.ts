import helmet from 'helmet';
import { securityHeaders } from './security-headers';

/** A response recorder: the headers a middleware leaves set. */
function run(mw: (req: never, res: never, next: (err?: unknown) => void) => void) {
  const headers = new Map<string, string>([['x-powered-by', 'Express']]);
  const res = {
    setHeader: (k: string, v: unknown) => headers.set(k.toLowerCase(), String(v)),
    removeHeader: (k: string) => headers.delete(k.toLowerCase()),
  };
  let nexted = 0;
  mw({} as never, res as never, () => nexted++);
  return { headers: Object.fromEntries(headers), nexted };
}

describe('securityHeaders (helmet computed once)', () => {
  it('sets exactly the headers helmet sets per request, and calls next once', () => {
    const live = run(helmet() as never);
    const once = run(securityHeaders());
    expect(once.headers).toEqual(live.headers);
    expect(once.nexted).toBe(1);
    expect(once.headers['content-security-policy']).toContain("default-src 'self'");
    expect(once.headers['x-content-type-options']).toBe('nosniff');
    expect(once.headers['x-powered-by']).toBeUndefined();
  });

  it('each response gets its own headers (nothing shared between requests)', () => {
    const mw = securityHeaders();
    const a = run(mw);
    const b = run(mw);
    expect(a.headers).toEqual(b.headers);
  });
});
