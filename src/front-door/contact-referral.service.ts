import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseContext } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { CaseRepository } from 'src/cases/case.repository';
import { REFERRAL_SOURCES, type ReferralSource } from 'src/cases/cin-codes';
import { assertNoOtherOpenCase } from 'src/cases/one-open-case';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict } from 'src/common/domain-error';
import { londonDate } from './contact-rules';
import type { ContactRow } from './contact.repository';

/**
 * A `family_help_assessment` decision on a named case makes the contact the case's referral:
 * a closed case is reopened with it; an open case takes it as its new referral. Either way the
 * referral date is the day the contact was received, the source its source, and the 45-working-day
 * assessment clock restarts (the earlier referral stays in the timeline and audit trail).
 */
@Injectable()
export class ContactReferralService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  async refer(m: EntityManager, c: ContactRow, k: CaseContext): Promise<'reopened' | 'added'> {
    const la = k.localAuthorityId;
    const referral = { date: londonDate(c.receivedAt), source: c.source as ReferralSource };
    const previous = await this.cases.referralAndClosure(m, la, k.id);
    const label = `${referral.source} (${REFERRAL_SOURCES[referral.source]})`;
    if (k.stage === 'closed') {
      if (previous.closedOn && referral.date < previous.closedOn)
        throw conflict(
          'referral_before_closure',
          `The contact was received on ${referral.date}, before the case closed (${previous.closedOn}): name an open case or none`,
        );
      await assertNoOtherOpenCase(m, la, k.childIds, k.id);
      await this.cases.setStage(m, la, k.id, 'family_help');
      await this.cases.setReferral(m, la, k.id, referral.date, referral.source);
      await this.timeline.append(m, {
        caseId: k.id,
        localAuthorityId: la,
        type: 'case_reopened',
        summary: `New referral received on ${referral.date} from ${label} at the front door; case reopened in Family Help (closed ${previous.closedOn}: ${previous.closureReason})`,
        data: {
          reason: 'Front-door decision: Family Help assessment',
          contactId: c.id,
          referral,
          previousReferral: { date: previous.referralDate, source: previous.referralSource },
          previousClosure: { on: previous.closedOn, reason: previous.closureReason },
        },
        recordType: 'case',
        recordId: k.id,
      });
      await this.audit.record(
        {
          action: 'case.reopen',
          recordType: 'case',
          recordId: k.id,
          childIds: k.childIds,
          changes: {
            stage: { before: 'closed', after: 'family_help' },
            referral: {
              before: { date: previous.referralDate, source: previous.referralSource },
              after: referral,
            },
          },
          metadata: { contactId: c.id },
        },
        m,
      );
      return 'reopened';
    }
    if (referral.date < previous.referralDate)
      throw conflict(
        'referral_out_of_order',
        `The contact was received on ${referral.date}, before the case's current referral (${previous.referralDate})`,
      );
    await this.cases.setReferral(m, la, k.id, referral.date, referral.source);
    await this.cases.touch(m, la, k.id);
    await this.timeline.append(m, {
      caseId: k.id,
      localAuthorityId: la,
      type: 'referral_added',
      summary: `New referral received on ${referral.date} from ${label} at the front door; the assessment clock restarts`,
      data: {
        contactId: c.id,
        referral,
        previousReferral: { date: previous.referralDate, source: previous.referralSource },
      },
      recordType: 'case',
      recordId: k.id,
    });
    await this.audit.record(
      {
        action: 'case.referral',
        recordType: 'case',
        recordId: k.id,
        childIds: k.childIds,
        changes: {
          referral: {
            before: { date: previous.referralDate, source: previous.referralSource },
            after: referral,
          },
        },
        metadata: { contactId: c.id },
      },
      m,
    );
    return 'added';
  }
}
