import { Module } from '@nestjs/common';
import { ActivityModule } from 'src/activities/activity.module';
import { TimescaleController } from './timescale.controller';
import { TimescaleRepository } from './timescale.repository';
import { TimescaleService } from './timescale.service';

/** Statutory timescales per case and overdue work across teams (pure rules in timescale-rules). */
@Module({
  controllers: [TimescaleController],
  imports: [ActivityModule],
  providers: [TimescaleService, TimescaleRepository],
})
export class TimescaleModule {}
