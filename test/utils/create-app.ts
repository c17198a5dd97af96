import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { AuditService } from 'src/audit/audit.service';
import { bootstrap } from 'src/bootstrap';
import { loadConfig } from 'src/config/load-config';
import { recordResponses } from './contract-recorder';

export const ADMIN_EMAIL = 'platform-admin@tandem.test';
export const ADMIN_PASSWORD = 'platform-admin-password-1';

function urlFor(db: string): string {
  const u = new URL(process.env.TANDEM_TEST_ADMIN_URL as string);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Each jest worker gets its own database, cloned from the migrated template. */
export async function workerDatabaseUrl(): Promise<string> {
  const template = process.env.TANDEM_TEST_TEMPLATE_DB;
  if (!template || !process.env.TANDEM_TEST_ADMIN_URL)
    throw new Error('jest global setup did not run');
  const db = `${template}_w${process.env.JEST_WORKER_ID ?? '1'}`;
  const c = new Client({ connectionString: process.env.TANDEM_TEST_ADMIN_URL });
  await c.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (rowCount) break;
      try {
        await c.query(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === '42P04') break; // created by a concurrent file of this worker
        if (attempt > 50) throw err; // 55006: template busy with another worker's clone
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await c.end();
  }
  return urlFor(db);
}

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  req: () => ReturnType<typeof request>;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * "Today" in tests (TANDEM_TODAY, test-only): the date rules refuse what is dated after it, and
 * timescale statuses default to it. Fixed so that tests written with fixed dates stay true.
 */
export const TEST_TODAY = '2027-04-30';

/** The full application module over HTTP (supertest), on this worker's real database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await workerDatabaseUrl();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    TANDEM_ADMIN_EMAIL: ADMIN_EMAIL,
    TANDEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    LOGIN_THROTTLE_IP_LIMIT: '100000',
    LOGIN_THROTTLE_LIMIT: '50',
    LOGIN_THROTTLE_ACCOUNT_LIMIT: '100000',
    RATE_LIMIT_PER_MINUTE: '100000',
    EVENTS_DISPATCHER: 'off',
    TANDEM_TODAY: TEST_TODAY,
    ...env,
  });
  const running = await bootstrap(config, {
    listen: false,
    configure: (app) => recordResponses(app.getHttpAdapter().getInstance()),
  });
  const http = running.app.getHttpServer();
  return {
    app: running.app,
    http,
    req: () => request(http),
    databaseUrl,
    close: () => running.stop(),
  };
}

/** Waits for the audit rows written after responses (denials, security events), so a test can
 * read what a request it has just made recorded. */
export async function auditSettled(t: TestApp): Promise<void> {
  await t.app.get(AuditService).flush();
}
