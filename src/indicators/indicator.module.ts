import { Module } from '@nestjs/common';
import { IndicatorController } from './indicator.controller';
import { IndicatorRepository } from './indicator.repository';
import { IndicatorService } from './indicator.service';

/** Practice indicators for managers and auditors (docs/indicators.md). */
@Module({
  controllers: [IndicatorController],
  providers: [IndicatorService, IndicatorRepository],
})
export class IndicatorModule {}
