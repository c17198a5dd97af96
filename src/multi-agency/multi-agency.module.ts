import { Module } from '@nestjs/common';
import { DocumentModule } from 'src/documents/document.module';
import { SharingModule } from 'src/sharing/sharing.module';
import { InformationRequestDocumentController } from './information-request-document.controller';
import { InformationRequestDocuments } from './information-request-documents.service';
import { InformationRequestRecords } from './information-request-records';
import { InformationRequestController } from './information-request.controller';
import { InformationRequestReadService } from './information-request-read.service';
import { InformationRequestRepository } from './information-request.repository';
import { InformationRequestService } from './information-request.service';
import { StrategyDiscussionController } from './strategy-discussion.controller';
import { StrategyDiscussionJournal } from './strategy-discussion-journal';
import { StrategyDiscussionMeetingService } from './strategy-discussion-meeting.service';
import { StrategyDiscussionRepository } from './strategy-discussion.repository';
import { StrategyDiscussionReadService } from './strategy-discussion-read.service';
import { StrategyDiscussionService } from './strategy-discussion.service';

/** Multi-agency child protection: strategy discussions (and, on them, s47 citations) and
 * information requests. */
@Module({
  imports: [SharingModule, DocumentModule],
  controllers: [
    StrategyDiscussionController,
    InformationRequestController,
    InformationRequestDocumentController,
  ],
  providers: [
    StrategyDiscussionRepository,
    StrategyDiscussionService,
    StrategyDiscussionMeetingService,
    StrategyDiscussionReadService,
    StrategyDiscussionJournal,
    InformationRequestRepository,
    InformationRequestService,
    InformationRequestReadService,
    InformationRequestRecords,
    InformationRequestDocuments,
  ],
  exports: [StrategyDiscussionService],
})
export class MultiAgencyModule {}
