import { Module } from '@nestjs/common';
import { EvaluationController } from './evaluation.controller';
import { EvaluationRepository } from './evaluation.repository';
import { EvaluationService } from './evaluation.service';

/** The pseudonymised evaluation extract (docs/evaluation-extract.md). */
@Module({
  controllers: [EvaluationController],
  providers: [EvaluationService, EvaluationRepository],
})
export class EvaluationModule {}
