import { Module } from '@nestjs/common';
import { MacptService } from './macpt.service';
import { TeamController } from './team.controller';
import { TeamRepository } from './team.repository';
import { TeamService } from './team.service';

import { ApprovalModule } from 'src/approvals/approval.module';

@Module({
  imports: [ApprovalModule],
  controllers: [TeamController],
  providers: [TeamService, TeamRepository, MacptService],
  exports: [TeamService],
})
export class TeamModule {}
