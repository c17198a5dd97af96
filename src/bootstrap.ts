import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/config';
import { EmbeddedHandle, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';

export interface Running {
  app: NestExpressApplication;
  url: string;
  stop(): Promise<void>;
}

/** Database (DATABASE_URL, else embedded Postgres in TANDEM_DATA_DIR) → migrations → app. */
export async function bootstrap(
  config: AppConfig,
  opts: { listen?: boolean } = {},
): Promise<Running> {
  let embedded: EmbeddedHandle | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      baseDir: join(config.TANDEM_DATA_DIR),
      port: config.EMBEDDED_PG_PORT,
      persistent: true,
      database: 'tandem',
    });
    databaseUrl = embedded.url;
  }
  try {
    await runMigrations(databaseUrl);
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, databaseUrl, embedded),
      {
        bufferLogs: true,
        abortOnError: false,
        bodyParser: false,
      },
    );
    configureApp(app, config);
    if (opts.listen !== false) await app.listen(config.PORT, config.HOST);
    else await app.init();
    const stop = async () => {
      await app.close();
      await embedded?.stop();
    };
    return { app, url: await app.getUrl().catch(() => ''), stop };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
