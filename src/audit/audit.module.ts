import { Global, Module } from '@nestjs/common';
import { AuditPartitionsService } from './audit-partitions.service';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditPartitionsService], exports: [AuditService] })
export class AuditModule {}
