import { DynamicModule, Global, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from './config';

/** Provides the validated AppConfig everywhere. Without JWT_SECRET (laptop use) a random
 * per-process secret is generated: tokens then last only as long as the process. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.JWT_SECRET) config.JWT_SECRET = randomBytes(48).toString('base64url');
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
