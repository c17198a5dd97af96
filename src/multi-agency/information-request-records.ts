import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SharingRepository } from 'src/sharing/sharing.repository';
import type { RequestRow } from './information-request.repository';

/**
 * The information-sharing records an information request leaves (docs/multi-agency.md): one
 * outbound when it is sent — the LA discloses the child's name, date of birth, address and NHS
 * number and its questions, to the named user or to the agency's members — and one inbound for
 * each answer and each document attached to an answer, from the answering agency to the
 * request's sender. They are listed by `GET /information-sharing` with the case's other records;
 * they are never shares (the addressee reaches the request through the request alone).
 */
@Injectable()
export class InformationRequestRecords {
  constructor(private readonly sharing: SharingRepository) {}

  outbound(m: EntityManager, la: string, r: RequestRow): Promise<string> {
    const n = r.questions.length;
    return this.sharing.insertExchange(m, la, {
      direction: 'outbound',
      caseId: r.caseId,
      requestId: r.id,
      childIds: r.childIds,
      what: `Information request (${n} question${n === 1 ? '' : 's'}): the child's name, date of birth, address and NHS number`,
      withUserId: r.recipientUserId,
      agencyOfUserId: r.recipientUserId,
      agency: r.recipientAgency,
      gateway: r.gateway,
      ukGdprCondition: r.ukGdprCondition,
      sharedById: r.sentById,
    });
  }

  /** An answer (or a document attached to one) from `byUserId`, the addressee. */
  inbound(
    m: EntityManager,
    la: string,
    r: RequestRow,
    byUserId: string,
    what: string,
  ): Promise<string> {
    return this.sharing.insertExchange(m, la, {
      direction: 'inbound',
      caseId: r.caseId,
      requestId: r.id,
      childIds: r.childIds,
      what,
      withUserId: r.sentById,
      agencyOfUserId: byUserId,
      agency: r.recipientAgency,
      gateway: r.gateway,
      ukGdprCondition: r.ukGdprCondition,
      sharedById: byUserId,
    });
  }
}
