import { Module } from '@nestjs/common';
import { StrategyDiscussionController } from './strategy-discussion.controller';
import { StrategyDiscussionRepository } from './strategy-discussion.repository';
import { StrategyDiscussionService } from './strategy-discussion.service';

/** Multi-agency child protection: strategy discussions (and, on them, s47 citations). */
@Module({
  controllers: [StrategyDiscussionController],
  providers: [StrategyDiscussionRepository, StrategyDiscussionService],
  exports: [StrategyDiscussionService],
})
export class MultiAgencyModule {}
