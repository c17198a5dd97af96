import { Module } from '@nestjs/common';
import { DecisionController } from './decision.controller';
import { DecisionRequestService } from './decision-request.service';
import { DecisionService } from './decision.service';

/** Key decisions, decision requests and challenges. */
@Module({
  controllers: [DecisionController],
  providers: [DecisionService, DecisionRequestService],
})
export class DecisionModule {}
