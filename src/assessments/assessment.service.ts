import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { asNotFound } from 'src/common/denial-audit';
import { AccessService, assertOpenCase, CaseContext } from 'src/access/access.service';
import type { Permission } from 'src/access/permissions';
import { authorisesAssessment } from 'src/access/verdict-scopes';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { badRequest, conflict, DomainError, forbidden, notFound } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQueryDto } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { Clock, requireDateInRange } from 'src/common/clock';
import { completionErrors, isLate } from './assessment-rules';
import { AssessmentRepository } from './assessment.repository';
import {
  AssessmentResponse,
  CompleteAssessmentRecordDto,
  StartAssessmentDto,
} from './dto/assessment.dto';

const OUTCOME_LABELS = {
  family_help_plan: 'Family Help plan',
  concern_of_significant_harm: 'concern of significant harm',
  no_further_action: 'no further action',
} as const;

/**
 * Child and family assessments: started on a case by Family Help staff, completed with an
 * outcome (late completions carry a reason), authorised by the team's family_help_manager or,
 * on a case in child protection, the co-working ECPP. The first authorised completion meets
 * the case's 45-working-day assessment timescale (case_record.assessment_completed_at).
 */
@Injectable()
export class AssessmentService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
  ) {}

  start(actor: Actor, caseId: string, dto: StartAssessmentDto): Promise<AssessmentResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'assessment.record', caseId, {
        lock: 'share',
        open: true,
      });
      const childIds = dto.childIds.map((id) => id.toLowerCase());
      const outside = childIds.filter((id) => !c.childIds.includes(id));
      if (outside.length)
        throw badRequest('validation_failed', 'childIds must be children of the case', [
          { field: 'childIds', message: `not a child of this case: ${outside.join(', ')}` },
        ]);
      requireDateInRange(
        'startedOn',
        dto.startedOn,
        this.clock.today(),
        c.referralDate,
        'the referral',
      );
      const a = await this.repo.insert(m, {
        la: c.localAuthorityId,
        caseId,
        childIds,
        startedOn: dto.startedOn,
        createdById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'assessment_started',
        summary: `Child and family assessment started on ${dto.startedOn}`,
        data: { assessmentId: a.id, childIds },
        recordType: 'assessment',
        recordId: a.id,
      });
      await this.audit.record(
        {
          action: 'assessment.start',
          recordType: 'assessment',
          recordId: a.id,
          childIds,
          changes: {
            startedOn: { before: null, after: dto.startedOn },
            childIds: { before: null, after: childIds },
          },
          metadata: { caseId },
        },
        m,
      );
      return a;
    });
  }

  complete(
    actor: Actor,
    id: string,
    dto: CompleteAssessmentRecordDto,
  ): Promise<AssessmentResponse> {
    return this.ds.transaction(async (m) => {
      const { a, c } = await this.load(m, actor, id, 'assessment.record');
      assertOpenCase(c);
      if (a.completedOn)
        throw conflict(
          'assessment_already_completed',
          `The assessment was completed on ${a.completedOn}`,
        );
      requireDateInRange('completedOn', dto.completedOn, this.clock.today(), null, '');
      const errors = completionErrors({
        startedOn: a.startedOn,
        completedOn: dto.completedOn,
        dueDate: a.dueDate,
        lateReason: dto.lateReason,
      });
      if (errors.length)
        throw badRequest(
          'validation_failed',
          errors.map((e) => `${e.field}: ${e.message}`).join('; '),
          errors,
        );
      const done = await this.repo.complete(m, id, {
        completedOn: dto.completedOn,
        outcome: dto.outcome,
        summary: dto.summary ?? null,
        lateReason: isLate(dto.completedOn, a.dueDate) ? (dto.lateReason ?? null) : null,
        factors: dto.factors ?? null,
        primaryNeed: dto.primaryNeed ?? null,
      });
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: c.localAuthorityId,
        type: 'assessment_completed',
        summary: `Assessment completed on ${dto.completedOn}: ${OUTCOME_LABELS[dto.outcome]}${done.late ? ' (late)' : ''}; awaiting authorisation`,
        data: { assessmentId: id, outcome: dto.outcome, late: done.late },
        recordType: 'assessment',
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'assessment.complete',
          recordType: 'assessment',
          recordId: id,
          childIds: a.childIds,
          changes: {
            completedOn: { before: null, after: dto.completedOn },
            outcome: { before: null, after: dto.outcome },
            lateReason: { before: null, after: done.lateReason },
            factors: { before: null, after: done.factors },
            primaryNeed: { before: null, after: done.primaryNeed },
          },
          metadata: { caseId: c.id },
        },
        m,
      );
      return done;
    });
  }

  authorise(actor: Actor, id: string): Promise<AssessmentResponse> {
    return this.ds.transaction(async (m) => {
      const { a, c } = await this.load(m, actor, id, 'assessment.authorise');
      const facts = await this.repo.authoriserFacts(m, c.id, actor.id);
      if (
        !authorisesAssessment(actor, {
          teamMember: facts.isTeamMember,
          coWorker: facts.isActiveCoWorker,
          stage: c.stage,
        })
      )
        throw forbidden(
          "Only a family_help_manager of the case's team, or the ECPP co-working a case in child protection, may authorise",
        );
      assertOpenCase(c);
      if (!a.completedOn)
        throw conflict('assessment_not_completed', 'Complete the assessment before authorising it');
      if (a.authorisedAt)
        throw conflict('assessment_already_authorised', 'The assessment is already authorised');
      // The authorisation date is the day the authoriser gives it (England), never the
      // completion date; it cannot precede the completion (the completion date is not future).
      const authorisedOn = this.clock.today();
      const done = await this.repo.authorise(m, id, actor.id, authorisedOn);
      const met = await this.repo.meetCaseTimescale(m, c.id, a.completedOn);
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: c.localAuthorityId,
        type: 'assessment_authorised',
        summary: `Assessment completed on ${a.completedOn} authorised${met ? '; the assessment timescale is met' : ''}`,
        data: { assessmentId: id, completedOn: a.completedOn, timescaleMet: met },
        recordType: 'assessment',
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'assessment.authorise',
          recordType: 'assessment',
          recordId: id,
          childIds: a.childIds,
          changes: {
            authorisedById: { before: null, after: actor.id },
            authorisedOn: { before: null, after: authorisedOn },
            ...(met ? { caseAssessmentCompletedAt: { before: null, after: a.completedOn } } : {}),
          },
          metadata: { caseId: c.id },
        },
        m,
      );
      return done;
    });
  }

  async get(actor: Actor, id: string): Promise<AssessmentResponse> {
    const { a, c } = await this.load(this.ds.manager, actor, id, 'case.read');
    await this.audit.record({
      action: 'assessment.read',
      recordType: 'assessment',
      recordId: id,
      childIds: a.childIds,
      metadata: { caseId: c.id },
    });
    return a;
  }

  async list(actor: Actor, caseId: string, q: PageQueryDto): Promise<Page<AssessmentResponse>> {
    const c = await this.access.requireCase(this.ds.manager, actor, 'case.read', caseId);
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const page = await this.repo.list(
      this.ds.manager,
      c.localAuthorityId,
      caseId,
      q.limit ?? DEFAULT_PAGE_SIZE,
      after,
    );
    await this.audit.record({
      action: 'assessment.list',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return page;
  }

  /** The assessment and its case, if the actor may `mode` the case (else 404/403). */
  private async load(
    m: EntityManager,
    actor: Actor,
    id: string,
    permission: Permission,
  ): Promise<{ a: AssessmentResponse; c: CaseContext }> {
    const inTx = m !== this.ds.manager;
    const a = await this.repo.find(m, actorLa(actor), id, inTx);
    if (!a) throw notFound('Assessment');
    try {
      const c = await this.access.requireCase(m, actor, permission, a.caseId, {
        lock: inTx ? 'share' : undefined,
      });
      return { a, c };
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw asNotFound(err, 'Assessment');
      throw err;
    }
  }
}
