import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';
import { ReplayAccess } from './replay-access';

/** Idempotency-Key for every authenticated POST: `IdempotencyInterceptor` is put on each POST
 * handler by `bindIdempotencyToPosts` (AppModule), and resolved in each controller's module,
 * hence global. */
@Global()
@Module({
  providers: [IdempotencyService, ReplayAccess, IdempotencyInterceptor],
  exports: [IdempotencyService, ReplayAccess, IdempotencyInterceptor],
})
export class IdempotencyModule {}
