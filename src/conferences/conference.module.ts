import { Module } from '@nestjs/common';
import { ConferenceController } from './conference.controller';
import { ConferenceRepository } from './conference.repository';
import { ConferenceService } from './conference.service';

/** Child protection conferences: scheduled, held, concluded with an outcome per child. */
@Module({
  controllers: [ConferenceController],
  providers: [ConferenceService, ConferenceRepository],
  exports: [ConferenceRepository],
})
export class ConferenceModule {}
