import { Injectable } from '@nestjs/common';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { conflict } from 'src/common/domain-error';
import { DocumentService } from 'src/documents/document.service';
import type { DocumentResponse } from 'src/documents/dto/document.dto';
import type { AnswerDocumentDto } from './dto/information-request.dto';
import { InformationRequestRecords } from './information-request-records';
import { InformationRequestRepository } from './information-request.repository';
import { INFORMATION_REQUEST } from './record-kinds';

/** The statuses in which the addressee may attach a document to its answer. */
const ATTACHABLE = ['sent', 'acknowledged', 'answered'] as const;

/**
 * Documents attached to an answer (docs/multi-agency.md): the addressee — never anyone else —
 * uploads through the request (it never sees the case), judged by the gate on the request's
 * `information_request.respond` rule; the documents module stores the file on the request's
 * case with its timeline entry and audit row, and the request records it as inbound
 * information, all in one transaction. Staff read the file like any of the case's documents.
 */
@Injectable()
export class InformationRequestDocuments {
  constructor(
    private readonly access: AccessService,
    private readonly documents: DocumentService,
    private readonly repo: InformationRequestRepository,
    private readonly records: InformationRequestRecords,
  ) {}

  attach(
    actor: Actor,
    id: string,
    dto: AnswerDocumentDto,
    file: { buffer: Buffer },
  ): Promise<DocumentResponse> {
    return this.documents.store(
      actor,
      dto.title,
      file,
      async (m) => {
        const c = await this.access.requireRecordById(
          m,
          actor,
          'information_request.respond',
          { kind: INFORMATION_REQUEST, id },
          { lock: 'update' },
        );
        if (c.stage === 'closed')
          throw conflict('case_closed', 'The request’s case is closed; nothing more is attached');
        const r = (await this.repo.find(m, c.localAuthorityId, id))!;
        if (!(ATTACHABLE as readonly string[]).includes(r.status))
          throw conflict(
            'request_closed',
            `The request is ${r.status}: documents attach to an open or answered request`,
          );
        return {
          caseId: r.caseId,
          localAuthorityId: c.localAuthorityId,
          childIds: r.childIds,
          attachedTo: { type: 'information_request', id: r.id },
        };
      },
      async (m, doc, at) => {
        const r = (await this.repo.find(m, at.localAuthorityId, id))!;
        await this.records.inbound(
          m,
          at.localAuthorityId,
          r,
          actor.id,
          `Document attached to the answer: ${doc.title}`,
        );
      },
    );
  }
}
