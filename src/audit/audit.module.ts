import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { DeniedRecordRepository } from './denied-record.repository';

@Global()
@Module({
  providers: [AuditService, DeniedRecordRepository],
  exports: [AuditService],
})
export class AuditModule {}
