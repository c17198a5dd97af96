import { retryDelayMs } from './backoff';
import { addressRefusal, policyFrom, urlRefusal } from './webhook-url-policy';

const prod = policyFrom('production', '');
const dev = policyFrom('development', '');
const prodAllowing = policyFrom('production', 'hooks.internal.example, 10.20.0.0/16, ::1');

describe('webhook URL policy (SSRF)', () => {
  it.each([
    // [policy, url, refused?]
    ['prod', 'https://hooks.example.org/in', false],
    ['prod', 'http://hooks.example.org/in', true],
    ['prod', 'https://127.0.0.1/in', true],
    ['prod', 'https://localhost:8443/in', true],
    ['prod', 'https://[::1]/in', true],
    ['prod', 'https://10.1.2.3/in', true],
    ['prod', 'https://192.168.0.10/in', true],
    ['prod', 'https://169.254.169.254/latest', true],
    ['prod', 'https://[fe80::1]/in', true],
    ['prod', 'https://[::ffff:127.0.0.1]/in', true],
    ['prod', 'https://0.0.0.0/in', true],
    ['prod', 'https://user:pw@hooks.example.org/in', true],
    ['prod', 'ftp://hooks.example.org/in', true],
    ['dev', 'http://127.0.0.1:41712/in', false],
    ['dev', 'http://localhost:41712/in', false],
    ['dev', 'http://10.1.2.3/in', true],
    ['dev', 'http://169.254.169.254/latest', true],
    ['allow', 'https://10.20.3.4/in', false],
    ['allow', 'https://10.21.3.4/in', true],
    ['allow', 'https://[::1]/in', false],
  ])('%s: %s refused=%s', (which, url, refused) => {
    const policy = which === 'prod' ? prod : which === 'dev' ? dev : prodAllowing;
    expect(urlRefusal(policy, url) !== null).toBe(refused);
  });

  it.each([
    ['https://[::7f00:1]/in', 'IPv4-compatible IPv6 carrying 127.0.0.1'],
    ['https://[::a00:5]/in', 'IPv4-compatible IPv6 carrying 10.0.0.5'],
    ['https://[::127.0.0.1]/in', 'the same, written dotted'],
    ['https://localhost./in', 'a fully qualified localhost (trailing dot)'],
    ['https://api.localhost../in', 'a .localhost name with trailing dots'],
  ])(
    'production refuses %s (%s): an address is judged by the IPv4 address it carries, a name without its trailing dot',
    (url) => {
      expect(urlRefusal(prod, url)).not.toBeNull();
    },
  );

  it('checks resolved addresses too (an allow-listed hostname may resolve privately)', () => {
    expect(addressRefusal(prod, 'hooks.example.org', '10.0.0.5')).toMatch(/private/);
    expect(addressRefusal(prodAllowing, 'hooks.internal.example', '10.0.0.5')).toBeNull();
    expect(addressRefusal(prod, 'hooks.example.org', '93.184.216.34')).toBeNull();
  });
});

describe('retry backoff', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [5, 16000],
    [30, 60000],
  ])('attempt %i waits %i ms ±20%%', (attempts, ms) => {
    expect(retryDelayMs(attempts, 1000, 60000, 0.5)).toBe(ms);
    expect(retryDelayMs(attempts, 1000, 60000, 0)).toBe(Math.round(ms * 0.8));
    expect(retryDelayMs(attempts, 1000, 60000, 0.999999)).toBeLessThanOrEqual(Math.round(ms * 1.2));
  });
});
