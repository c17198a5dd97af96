import { Module } from '@nestjs/common';
import { DecisionModule } from 'src/decisions/decision.module';
import { ActivityController } from './activity.controller';
import { ActivityService } from './activity.service';

/** Meetings, statutory visits and the assessment: what meets the timescales. */
@Module({
  imports: [DecisionModule],
  controllers: [ActivityController],
  providers: [ActivityService],
})
export class ActivityModule {}
