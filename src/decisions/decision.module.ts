import { Module } from '@nestjs/common';
import { CaseGuard } from './case-guard.service';
import { DecisionController } from './decision.controller';
import { DecisionRequestService } from './decision-request.service';
import { DecisionService } from './decision.service';

/** Key decisions, decision requests and challenges; exports the co-working CaseGuard. */
@Module({
  controllers: [DecisionController],
  providers: [CaseGuard, DecisionService, DecisionRequestService],
  exports: [CaseGuard, DecisionService],
})
export class DecisionModule {}
