import { Clock } from 'src/common/clock';
import { todayIso } from 'src/common/working-days';
import { trustProxySetting } from './config';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies laptop defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.JWT_TTL_SECONDS).toBe(900);
  });

  it('takes REDIS_URL with a shared JWT_SECRET, and no Redis by default', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    const c = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: 'x'.repeat(32) });
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.REDIS_KEY_PREFIX).toBe('tandem:');
  });

  it('starts in production with both secrets', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      WEBHOOK_SECRET_KEY: 'y'.repeat(32),
    });
    expect(c.WEBHOOK_SECRET_KEY).toBe('y'.repeat(32));
  });

  it('parses numbers from strings', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }, 'WEBHOOK_SECRET_KEY: required'],
    [{ WEBHOOK_SECRET_KEY: 'short' }, 'WEBHOOK_SECRET_KEY'],
    [{ WEBHOOK_SECRET_KEY_PREVIOUS: `${'a'.repeat(32)},short` }, 'WEBHOOK_SECRET_KEY_PREVIOUS'],
    [{ TANDEM_ADMIN_EMAIL: 'a@b.example' }, 'TANDEM_ADMIN_PASSWORD'],
    [
      { TANDEM_ADMIN_EMAIL: 'not-an-email', TANDEM_ADMIN_PASSWORD: 'x'.repeat(12) },
      'TANDEM_ADMIN_EMAIL',
    ],
    [{ TANDEM_TODAY: '2027-04-30' }, 'TANDEM_TODAY: only allowed when NODE_ENV=test'],
    [
      { TANDEM_TODAY: '2027-04-30', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) },
      'TANDEM_TODAY',
    ],
    [{ TANDEM_TODAY: '30/04/2027', NODE_ENV: 'test' }, 'TANDEM_TODAY'],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, 'JWT_SECRET: required with REDIS_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379', JWT_SECRET: 'x'.repeat(32) }, 'REDIS_URL'],
    [{ REDIS_KEY_PREFIX: 'has space' }, 'REDIS_KEY_PREFIX'],
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

describe('TANDEM_TODAY and the clock', () => {
  it('fixes today only in tests', () => {
    const c = loadConfig({ NODE_ENV: 'test', TANDEM_TODAY: '2027-04-30' });
    expect(new Clock(c.TANDEM_TODAY).today()).toBe('2027-04-30');
  });

  it('is otherwise today in England', () => {
    expect(new Clock().today()).toBe(todayIso());
    expect(todayIso(new Date('2027-05-31T23:30:00Z'))).toBe('2027-06-01'); // BST
    expect(todayIso(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31'); // GMT
  });
});
