import { Module } from '@nestjs/common';
import { MultiAgencyModule } from 'src/multi-agency/multi-agency.module';
import { ProceedingsModule } from 'src/proceedings/proceedings.module';
import { DecisionChallengeService } from './decision-challenge.service';
import { DecisionChecks } from './decision-checks.service';
import { DecisionController } from './decision.controller';
import { DecisionRequestService } from './decision-request.service';
import { DecisionRepository } from './decision.repository';
import { DecisionService } from './decision.service';
import { DecisionTimeline } from './decision-timeline.service';

/** Key decisions, decision requests and challenges. */
@Module({
  imports: [MultiAgencyModule, ProceedingsModule],
  controllers: [DecisionController],
  providers: [
    DecisionService,
    DecisionChallengeService,
    DecisionChecks,
    DecisionRequestService,
    DecisionRepository,
    DecisionTimeline,
  ],
  exports: [DecisionService],
})
export class DecisionModule {}
