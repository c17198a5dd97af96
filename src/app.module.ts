import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { PermissionGuard } from './access/permission.guard';
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
import { prettyTransport } from './logging/logging';
import { bindIdempotencyToPosts } from './idempotency/idempotent-posts';

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
        // path-to-regexp 8 syntax for "every route" (Nest 11 middleware; '*' is the legacy form).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
          // No personal data in logs: no query strings, bodies, tokens or cookies.
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: config.NODE_ENV !== 'test',
          transport: prettyTransport(config),
        },
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
