import { DynamicModule, Global, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from 'src/common/clock';
import { APP_CONFIG, AppConfig } from './config';

/** Provides the validated AppConfig and the Clock ("today") everywhere. Without JWT_SECRET (laptop use) a random
 * per-process secret is generated: tokens then last only as long as the process. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.JWT_SECRET) config.JWT_SECRET = randomBytes(48).toString('base64url');
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: new Clock(config.TANDEM_TODAY) },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
