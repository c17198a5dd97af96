import { Module } from '@nestjs/common';
import { AssessmentController } from './assessment.controller';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentService } from './assessment.service';

/** Child and family assessments: started, completed, authorised. */
@Module({
  controllers: [AssessmentController],
  providers: [AssessmentService, AssessmentRepository],
})
export class AssessmentModule {}
