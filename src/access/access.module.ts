import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessService } from './access.service';
import { CaseFactsRepository } from './case-facts.repository';
import { DenialAuditInterceptor } from './denial-audit.interceptor';

/** The access gate (record-level decisions), available everywhere (global). */
@Global()
@Module({
  providers: [
    AccessService,
    CaseFactsRepository,
    { provide: APP_INTERCEPTOR, useClass: DenialAuditInterceptor },
  ],
  exports: [AccessService],
})
export class AccessModule {}
