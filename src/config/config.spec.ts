import { ConfigError, loadConfig, trustProxySetting } from './config';

describe('loadConfig', () => {
  it('applies laptop defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.JWT_TTL_SECONDS).toBe(900);
  });

  it('parses numbers from strings', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ TANDEM_ADMIN_EMAIL: 'a@b.example' }, 'TANDEM_ADMIN_PASSWORD'],
    [
      { TANDEM_ADMIN_EMAIL: 'not-an-email', TANDEM_ADMIN_PASSWORD: 'x'.repeat(12) },
      'TANDEM_ADMIN_EMAIL',
    ],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/99' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '999.1.1.1' }, 'TRUST_PROXY'],
  ])('rejects %j naming %s', (env, field) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(field));
  });

  it('TRUST_PROXY defaults to trusting nobody; takes a hop count or a list', () => {
    expect(trustProxySetting(loadConfig({}).TRUST_PROXY)).toBe(false);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY)).toBe(1);
    expect(
      trustProxySetting(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY),
    ).toEqual(['loopback', '10.0.0.0/8']);
  });
});
