import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict } from 'src/common/domain-error';
import { EventOutbox } from 'src/events/event-outbox.service';
import { StrategyDiscussionService } from 'src/multi-agency/strategy-discussion.service';
import { decisionTimescale, londonDate, OUTCOME_LABELS } from './contact-rules';
import { ContactCaseService, linkedChildIds, needsCase } from './contact-case.service';
import { ContactReferralService } from './contact-referral.service';
import type { ContactRow } from './contact.repository';

/** The effects of an authorised front-door decision, in the transaction that authorises it. */
@Injectable()
export class ContactEffects {
  constructor(
    private readonly access: AccessService,
    private readonly timeline: TimelineService,
    private readonly outbox: EventOutbox,
    private readonly referrals: ContactReferralService,
    private readonly strategyDiscussions: StrategyDiscussionService,
    private readonly contactCases: ContactCaseService,
  ) {}

  /**
   * What an authorised decision does: `family_help_assessment` on a named case reopens it or
   * adds the referral to it (the assessment clock restarts); its event; on a named case its
   * timeline entry.
   */
  async takeEffect(m: EntityManager, actor: Actor, decided: ContactRow): Promise<void> {
    const childIds = linkedChildIds(decided);
    let referral: 'opened' | 'reopened' | 'added' | null = null;
    let strategyDiscussionRequestId: string | null = null;
    // No case named: the decision opens one (its referral the contact), in this transaction.
    const opened =
      !decided.caseId && needsCase(decided.outcome)
        ? await this.contactCases.open(m, decided)
        : null;
    const c = opened ? { ...decided, caseId: opened } : decided;
    if (opened && c.outcome === 'family_help_assessment') referral = 'opened';
    if (!opened && c.caseId && c.outcome === 'family_help_assessment') {
      const k = await this.access.requireCase(m, actor, 'case.read', c.caseId, { lock: 'update' });
      referral = await this.referrals.refer(m, c, k);
    }
    if (c.caseId && c.outcome === 'strategy_discussion') {
      // A requested strategy discussion on the case, for the ECPP or cp_manager to schedule.
      const k = opened
        ? { id: opened, localAuthorityId: c.localAuthorityId, childIds, stage: 'family_help' }
        : await this.access.requireCase(m, actor, 'case.read', c.caseId, { lock: 'share' });
      if (k.stage === 'closed')
        throw conflict('case_closed', 'The case is closed: reopen it or decide without caseId');
      strategyDiscussionRequestId = await this.strategyDiscussions.recordRequest(
        m,
        actor,
        k,
        {
          childIds: k.childIds.filter((x) => childIds.includes(x)),
          reason: `Front-door decision on a contact received ${londonDate(c.receivedAt)}: ${c.rationale}`,
        },
        'the front door',
        { contactId: c.id },
      );
    }
    const timescale = decisionTimescale(c.decisionDueBy, c.decidedOn!, c.decidedOn);
    await this.outbox.write(m, c.localAuthorityId, [
      {
        type: 'contact.decided',
        data: {
          contactId: c.id,
          outcome: c.outcome,
          childIds,
          decisionDueBy: c.decisionDueBy,
          decidedOn: c.decidedOn,
          timescaleStatus: timescale.status,
          ...(c.caseId ? { caseId: c.caseId } : {}),
          ...(referral ? { referral } : {}),
          ...(strategyDiscussionRequestId ? { strategyDiscussionRequestId } : {}),
        },
      },
    ]);
    if (c.caseId)
      await this.timeline.append(m, {
        caseId: c.caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'contact_decided',
        summary: `Front door: ${OUTCOME_LABELS[c.outcome!]} (contact received ${londonDate(c.receivedAt)}, source ${c.source})`,
        data: {
          contactId: c.id,
          outcome: c.outcome,
          source: c.source,
          referral,
          strategyDiscussionRequestId,
        },
        recordType: 'contact',
        recordId: c.id,
      });
  }
}
