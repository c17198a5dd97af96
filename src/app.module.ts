import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { PermissionGuard } from './auth/permission.guard';
import { CallerThrottlerGuard } from './access/caller-throttler.guard';
import { FixedWindowThrottlerStorage } from './common/fixed-window-throttler-storage';
import { redisThrottlerStorage } from './common/redis';
import { ApiClientModule } from './api-clients/api-client.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/problem.filter';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import type { EmbeddedHandle } from './database/embedded-postgres';
import { EMBEDDED_DATABASE, EmbeddedDatabaseShutdown } from './database/embedded-shutdown';
import { HealthModule } from './health/health.module';
import { LocalAuthorityModule } from './local-authorities/local-authority.module';
import { TeamModule } from './teams/team.module';
import { UserModule } from './users/user.module';
import { FEATURE_MODULES } from './feature-modules';
import { rootLoggerOptions } from './logging/logging';
import { bindIdempotencyToPosts } from './idempotency/idempotent-posts';
import { RecordKindsModule } from './record-kinds';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    embedded: EmbeddedHandle | null = null,
  ): DynamicModule {
    const imports = [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot({
        // No per-request middleware (pino-http's child logger and nestjs-pino's own async
        // context cost ~8% of a case read's CPU): the root logger's mixin stamps every line
        // written during a request with its id, method and path from Tandem's request context,
        // and one `onResponse` hook writes the access line (app.setup.ts, `requestLogLine`).
        forRoutes: [],
        pinoHttp: rootLoggerOptions(config),
      }),
      TypeOrmModule.forRoot({
        ...dataSourceOptions(databaseUrl, {
          statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
          poolSize: config.DB_POOL_SIZE,
        }),
        logging: false,
      }),
      ThrottlerModule.forRoot({
        throttlers: [{ name: 'caller', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        // REDIS_URL: counters shared by every instance; else in memory (one process), with
        // the same fixed-window semantics.
        storage: config.REDIS_URL
          ? redisThrottlerStorage(config.REDIS_URL, config.REDIS_KEY_PREFIX)
          : new FixedWindowThrottlerStorage(),
      }),
      RecordKindsModule,
      AuditModule,
      AuthModule,
      HealthModule,
      LocalAuthorityModule,
      UserModule,
      TeamModule,
      ApiClientModule,
      ...FEATURE_MODULES,
    ];
    bindIdempotencyToPosts(imports);
    return {
      module: AppModule,
      imports,
      providers: [
        { provide: EMBEDDED_DATABASE, useValue: embedded },
        EmbeddedDatabaseShutdown,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
      ],
    };
  }
}
