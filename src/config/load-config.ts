import 'reflect-metadata';
import { isIP } from 'node:net';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { trustProxySetting, AppConfig } from './config';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const extra = [
    'DATABASE_URL',
    'JWT_SECRET',
    'WEBHOOK_SECRET_KEY',
    'WEBHOOK_SECRET_KEY_PREVIOUS',
    'TANDEM_ADMIN_EMAIL',
    'TANDEM_ADMIN_PASSWORD',
    'REDIS_URL',
    'TANDEM_TODAY',
  ];
  const picked: Record<string, string> = {};
  for (const key of [...known, ...extra]) {
    if (env[key] !== undefined) picked[key] = env[key] as string;
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  const problems = errors.map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && !config.WEBHOOK_SECRET_KEY) {
    problems.push('WEBHOOK_SECRET_KEY: required when NODE_ENV=production');
  }
  if (config.WEBHOOK_SECRET_KEY_PREVIOUS?.split(',').some((k) => k.trim().length < 32) === true) {
    problems.push('WEBHOOK_SECRET_KEY_PREVIOUS: each key must be at least 32 characters');
  }
  if (config.REDIS_URL && !config.JWT_SECRET) {
    // REDIS_URL means several instances: each would otherwise sign with its own random secret
    // (and cursors too), refusing the others' tokens.
    problems.push('JWT_SECRET: required with REDIS_URL (every instance must share it)');
  }
  if (config.TANDEM_TODAY !== undefined && config.NODE_ENV !== 'test') {
    problems.push('TANDEM_TODAY: only allowed when NODE_ENV=test');
  }
  if (Boolean(config.TANDEM_ADMIN_EMAIL) !== Boolean(config.TANDEM_ADMIN_PASSWORD)) {
    problems.push('TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD must be set together');
  }
  const proxies = trustProxySetting(config.TRUST_PROXY ?? 'false');
  if (Array.isArray(proxies)) {
    const bad = proxies.filter((p) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(p)) return false;
      const [addr, bits] = p.split('/');
      const v = isIP(addr);
      return !v || (bits !== undefined && Number(bits) > (v === 4 ? 32 : 128));
    });
    if (bad.length)
      problems.push(`TRUST_PROXY: not an IP address or CIDR range: ${bad.join(', ')}`);
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
