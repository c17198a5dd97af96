import { Module } from '@nestjs/common';
import { MacptService } from './macpt.service';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

@Module({
  controllers: [TeamController],
  providers: [TeamService, MacptService],
  exports: [TeamService],
})
export class TeamModule {}
