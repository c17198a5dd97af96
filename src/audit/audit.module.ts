import { Global, Module } from '@nestjs/common';
import { AuditPartitionsService } from './audit-partitions.service';
import { AuditService } from './audit.service';
import { DeniedRecordRepository } from './denied-record.repository';

@Global()
@Module({
  providers: [AuditService, AuditPartitionsService, DeniedRecordRepository],
  exports: [AuditService],
})
export class AuditModule {}
