import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { CaseFactsRepository } from './case-facts.repository';

/** The access gate (record-level decisions), available everywhere (global). */
@Global()
@Module({
  providers: [AccessService, CaseFactsRepository],
  exports: [AccessService],
})
export class AccessModule {}
