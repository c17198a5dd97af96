import { Module } from '@nestjs/common';
import { ConferenceReportController } from './conference-report.controller';
import { ConferenceReportRepository } from './conference-report.repository';
import { ConferenceReportService } from './conference-report.service';
import { ConferenceController } from './conference.controller';
import { ConferenceRepository } from './conference.repository';
import { ConferenceService } from './conference.service';
import { CpPlanController } from './cp-plan.controller';
import { CpPlanRepository } from './cp-plan.repository';
import { CpPlanService } from './cp-plan.service';

/** Child protection conferences: scheduled, held, concluded with an outcome per child. */
@Module({
  controllers: [ConferenceController, ConferenceReportController, CpPlanController],
  providers: [
    ConferenceService,
    ConferenceRepository,
    ConferenceReportService,
    ConferenceReportRepository,
    CpPlanService,
    CpPlanRepository,
  ],
  exports: [ConferenceRepository],
})
export class ConferenceModule {}
