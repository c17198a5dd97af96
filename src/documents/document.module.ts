import { Module } from '@nestjs/common';
import { DocumentController } from './document.controller';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { DocumentUploadGuard } from './upload.guard';

/** Documents attached to cases, assessments, meetings, plans and information requests (an
 * agency's answer, uploaded through src/multi-agency's route after its own gate check). */
@Module({
  controllers: [DocumentController],
  providers: [DocumentService, DocumentRepository, DocumentUploadGuard],
  exports: [DocumentService, DocumentUploadGuard],
})
export class DocumentModule {}
