import { Module } from '@nestjs/common';
import { ApprovalModule } from 'src/approvals/approval.module';
import { AuthModule } from 'src/auth/auth.module';
import { ApiClientController } from './api-client.controller';
import { ApiClientService } from './api-client.service';

@Module({
  imports: [AuthModule, ApprovalModule],
  controllers: [ApiClientController],
  providers: [ApiClientService],
})
export class ApiClientModule {}
