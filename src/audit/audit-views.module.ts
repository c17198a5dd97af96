import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryRepository } from './audit-query.repository';
import { AuditViewsService } from './audit-views.service';

/** The auditor's read side: trail, child access report, CSV export (the writer is AuditModule). */
@Module({
  controllers: [AuditController],
  providers: [AuditQueryRepository, AuditViewsService],
})
export class AuditViewsModule {}
