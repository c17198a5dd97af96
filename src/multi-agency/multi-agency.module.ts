import { Module } from '@nestjs/common';
import { InformationRequestController } from './information-request.controller';
import { InformationRequestRepository } from './information-request.repository';
import { InformationRequestService } from './information-request.service';
import { StrategyDiscussionController } from './strategy-discussion.controller';
import { StrategyDiscussionRepository } from './strategy-discussion.repository';
import { StrategyDiscussionReadService } from './strategy-discussion-read.service';
import { StrategyDiscussionService } from './strategy-discussion.service';

/** Multi-agency child protection: strategy discussions (and, on them, s47 citations) and
 * information requests. */
@Module({
  controllers: [StrategyDiscussionController, InformationRequestController],
  providers: [
    StrategyDiscussionRepository,
    StrategyDiscussionService,
    StrategyDiscussionReadService,
    InformationRequestRepository,
    InformationRequestService,
  ],
  exports: [StrategyDiscussionService],
})
export class MultiAgencyModule {}
