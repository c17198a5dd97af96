import { Module } from '@nestjs/common';
import { TimescaleController } from './timescale.controller';
import { TimescaleService } from './timescale.service';

/** Statutory timescales per case and overdue work across teams (pure rules in timescale-rules). */
@Module({
  controllers: [TimescaleController],
  providers: [TimescaleService],
})
export class TimescaleModule {}
