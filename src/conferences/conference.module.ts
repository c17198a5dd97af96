import { Module } from '@nestjs/common';
import { ConferenceReportController } from './conference-report.controller';
import { ConferenceReportRepository } from './conference-report.repository';
import { ConferenceReportService } from './conference-report.service';
import { ConferenceController } from './conference.controller';
import { ConferenceRepository } from './conference.repository';
import { ConferenceService } from './conference.service';

/** Child protection conferences: scheduled, held, concluded with an outcome per child. */
@Module({
  controllers: [ConferenceController, ConferenceReportController],
  providers: [
    ConferenceService,
    ConferenceRepository,
    ConferenceReportService,
    ConferenceReportRepository,
  ],
  exports: [ConferenceRepository],
})
export class ConferenceModule {}
