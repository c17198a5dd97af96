import { Module } from '@nestjs/common';
import { DecisionModule } from 'src/decisions/decision.module';
import { TimescaleController } from './timescale.controller';
import { TimescaleService } from './timescale.service';

/** Statutory timescales per case and overdue work across teams (pure rules in timescale-rules). */
@Module({
  imports: [DecisionModule],
  controllers: [TimescaleController],
  providers: [TimescaleService],
})
export class TimescaleModule {}
