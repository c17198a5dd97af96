import { Module } from '@nestjs/common';
import { ScenarioLoader } from './scenario-loader.service';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

/** Training scenarios and sandbox runs (issue 11). Services of other modules are reached
 * through ModuleRef by the loader, so scenarios use exactly the API's services. */
@Module({
  controllers: [TrainingController],
  providers: [ScenarioLoader, TrainingRepository, TrainingService],
  exports: [TrainingService],
})
export class TrainingModule {}
