import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessService } from './access.service';
import { DenialAuditInterceptor } from './denial-audit.interceptor';

/** Record-level access checks, available everywhere (global). */
@Global()
@Module({
  providers: [AccessService, { provide: APP_INTERCEPTOR, useClass: DenialAuditInterceptor }],
  exports: [AccessService],
})
export class AccessModule {}
