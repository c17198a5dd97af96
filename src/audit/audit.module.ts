import { Global, Module } from '@nestjs/common';
import { DenialRecorder } from 'src/common/denial-audit';
import { AuditPartitionsService } from './audit-partitions.service';
import { AuditService } from './audit.service';
import { DeniedRecordRepository } from './denied-record.repository';

@Global()
@Module({
  providers: [
    AuditService,
    AuditPartitionsService,
    DeniedRecordRepository,
    // The problem filter (src/common) writes refusals through this, without importing audit.
    { provide: DenialRecorder, useExisting: AuditService },
  ],
  exports: [AuditService, DenialRecorder],
})
export class AuditModule {}
