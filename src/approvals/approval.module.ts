import { Module } from '@nestjs/common';
import { AuthModule } from 'src/auth/auth.module';
import { ApprovalController } from './approval.controller';
import { ApprovalRepository } from './approval.repository';
import { ApprovalService } from './approval.service';

/** Dual control: grants waiting for a second approver (docs/security.md). */
@Module({
  imports: [AuthModule],
  controllers: [ApprovalController],
  providers: [ApprovalRepository, ApprovalService],
  exports: [ApprovalService],
})
export class ApprovalModule {}
