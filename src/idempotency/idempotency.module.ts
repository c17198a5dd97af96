import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';
import { ReplayAccess } from './replay-access';

/** Idempotency-Key for every authenticated POST, as a global interceptor. */
@Module({
  providers: [
    IdempotencyService,
    ReplayAccess,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
