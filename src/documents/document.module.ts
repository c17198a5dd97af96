import { Module } from '@nestjs/common';
import { DocumentController } from './document.controller';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { DocumentUploadGuard } from './upload.guard';

/** Documents attached to cases, assessments, meetings and plans. */
@Module({
  controllers: [DocumentController],
  providers: [DocumentService, DocumentRepository, DocumentUploadGuard],
})
export class DocumentModule {}
