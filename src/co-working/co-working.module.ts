import { Module } from '@nestjs/common';
import { DecisionModule } from 'src/decisions/decision.module';
import { CoWorkingController } from './co-working.controller';
import { CoWorkingService } from './co-working.service';

/** Concerns of significant harm and ECPP co-worker assignment. */
@Module({
  imports: [DecisionModule],
  controllers: [CoWorkingController],
  providers: [CoWorkingService],
})
export class CoWorkingModule {}
