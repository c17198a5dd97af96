import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { notFound } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { DECISION_LABELS } from './decision-labels';
import { DecisionRepository } from './decision.repository';
import { ChallengeDecisionDto, ChallengeResponse } from './dto/decision.dto';

/** Challenges: a Family Help practitioner's disagreement with a key decision, kept beside it
 * on the case and its timeline. */
@Injectable()
export class DecisionChallengeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: DecisionRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  /** A Family Help practitioner's disagreement, recorded against the decision (never hidden). */
  challenge(
    actor: Actor,
    caseId: string,
    decisionId: string,
    dto: ChallengeDecisionDto,
  ): Promise<ChallengeResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.challenge', caseId, {
        lock: 'update',
      });
      const decision = await this.repo.findDecision(m, actorLa(actor), caseId, decisionId);
      if (!decision) throw notFound('Decision');
      const challenge = await this.repo.insertChallenge(m, {
        decisionId,
        caseId,
        la: c.localAuthorityId,
        view: dto.view,
        raisedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'decision_challenged',
        summary: `Disagreement recorded with the decision to ${DECISION_LABELS[decision.type]}`,
        data: { decisionId, challengeId: challenge.id, decisionType: decision.type },
        recordType: 'decision_challenge',
        recordId: challenge.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'decision.challenge',
          recordType: 'decision_challenge',
          recordId: challenge.id,
          childIds: decision.childIds,
          changes: diffFields({}, { view: dto.view }, ['view']),
          metadata: { caseId, decisionId },
        },
        m,
      );
      return challenge;
    });
  }
}
