import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { configureApp, httpAdapter } from './app.setup';
import { AppConfig } from './config/config';
import { acquireDataDirLock, DataDirLock } from './database/data-dir-lock';
import { EmbeddedHandle, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { inFlight } from './lifecycle/in-flight';
import type { Progress } from './logging/logging';

export interface Running {
  app: NestFastifyApplication;
  url: string;
  /** Closes the app, its pool and the embedded Postgres at once (tests). */
  stop(): Promise<void>;
  /** Graceful: stop accepting, finish in-flight requests (up to `timeoutMs`), then `stop()`. */
  shutdown(timeoutMs?: number): Promise<{ drained: boolean }>;
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/**
 * Database (DATABASE_URL, else embedded Postgres in TANDEM_DATA_DIR, owned through its lock)
 * → migrations → app.
 */
export async function bootstrap(
  config: AppConfig,
  opts: {
    listen?: boolean;
    progress?: Progress;
    /** Called once the app is configured, before its routes are ready (tests add hooks). */
    configure?: (app: NestFastifyApplication) => void;
  } = {},
): Promise<Running> {
  const progress = opts.progress ?? (() => undefined);
  let embedded: EmbeddedHandle | null = null;
  let lock: DataDirLock | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    // Refuses (naming the running owner) before anything in the data directory is touched.
    lock = acquireDataDirLock(config.TANDEM_DATA_DIR, { role: 'server', port: config.PORT });
    try {
      embedded = await startEmbeddedPostgres({
        baseDir: config.TANDEM_DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
        persistent: true,
        database: 'tandem',
        runtimeDir: config.TANDEM_PG_RUNTIME_DIR,
        progress,
      });
    } catch (err) {
      lock.release();
      throw err;
    }
    databaseUrl = embedded.url;
    lock.update({ pgPort: config.EMBEDDED_PG_PORT });
  } else {
    progress(`using the database at ${describeUrl(databaseUrl)} (DATABASE_URL)`);
  }
  const release = async () => {
    await embedded?.stop();
    lock?.release();
  };
  try {
    const applied = await runMigrations(databaseUrl);
    progress(
      applied.length
        ? `migrations applied: ${applied.length} (${applied[applied.length - 1]} is the latest)`
        : 'database schema up to date',
    );
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, databaseUrl, embedded),
      httpAdapter(config),
      { bufferLogs: true, abortOnError: false, bodyParser: false },
    );
    configureApp(app, config);
    opts.configure?.(app);
    if (opts.listen !== false) await app.listen(config.PORT, config.HOST);
    else {
      await app.init();
      // Not listening (tests: supertest drives the server): Fastify must still load its plugins
      // and routes before the first request.
      await app.getHttpAdapter().getInstance().ready();
    }
    const url = await app.getUrl().catch(() => '');
    if (url) lock?.update({ port: Number(new URL(url).port), url });
    let stopped: Promise<void> | null = null;
    const stop = () =>
      (stopped ??= (async () => {
        await app.close();
        await release();
      })());
    const shutdown = async (timeoutMs = 30_000) => {
      inFlight.draining = true;
      const server = app.getHttpServer() as Server;
      server.close(); // no new connections
      server.closeIdleConnections();
      const drained = await inFlight.idle(timeoutMs);
      server.closeAllConnections();
      await stop();
      return { drained };
    };
    return { app, url, stop, shutdown };
  } catch (err) {
    await release();
    throw err;
  }
}
