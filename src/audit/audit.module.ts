import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { DenialTrail } from './denial-trail.service';
import { DeniedRecordRepository } from './denied-record.repository';

@Global()
@Module({
  providers: [AuditService, DeniedRecordRepository, DenialTrail],
  exports: [AuditService, DenialTrail],
})
export class AuditModule {}
