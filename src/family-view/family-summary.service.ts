import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, notFound, validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import type { RedactionsDto } from './dto/family-access.dto';
import type {
  CreateFamilySummaryDto,
  ExplanationDto,
  FamilySummaryResponse,
} from './dto/family-summary.dto';
import { FamilyAccessRepository } from './family-access.repository';
import { FamilySummaryRepository, SummaryRecord } from './family-summary.repository';
import { DECISION, FAMILY_SUMMARY } from './record-kinds';

const PLAN_LABEL = {
  family_help_plan: 'Family Help plan',
  cp_plan: 'child protection plan',
  family_network_plan: 'Family Network Plan',
  community_safety_plan: 'Child Community Safety Plan',
} as const;

export function summaryResponse(s: SummaryRecord): FamilySummaryResponse {
  const iso = (d: string | null) => (d ? new Date(d).toISOString() : null);
  return {
    ...s,
    sections: s.sections as unknown as FamilySummaryResponse['sections'],
    createdAt: iso(s.createdAt)!,
    publishedAt: iso(s.publishedAt),
  };
}

/**
 * What staff write for the family (docs/family-view.md): family summaries of the plan version in
 * force (drafted, then published), plain explanations of decisions, per-person redactions, and
 * the core group's view of the family's responses.
 */
@Injectable()
export class FamilySummaryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: FamilySummaryRepository,
    private readonly people: FamilyAccessRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  create(actor: Actor, caseId: string, dto: CreateFamilySummaryDto) {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'family_summary.write', caseId, {
        lock: 'share',
        open: true,
      });
      const planId = dto.planId.toLowerCase();
      const plan = (await this.repo.plansInForce(m, c.localAuthorityId, caseId)).find(
        (p) => p.planType === dto.planType && p.planId === planId,
      );
      if (!plan)
        throw validationFailed(
          'planId',
          `must be a ${PLAN_LABEL[dto.planType]} of this case in force`,
        );
      if (plan.version !== dto.version)
        throw conflict(
          'plan_version_not_in_force',
          `Version ${dto.version} is not the version in force (${plan.version})`,
        );
      const s = await this.repo.insertSummary(m, {
        la: c.localAuthorityId,
        caseId,
        planType: dto.planType,
        planId,
        version: dto.version,
        sections: dto.sections,
        language: dto.language ?? 'en',
        by: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'family_summary_drafted',
        summary: `Family summary of the ${PLAN_LABEL[dto.planType]} (version ${dto.version}) drafted`,
        data: { summaryId: s.id, planType: dto.planType, planId, version: dto.version },
        recordType: 'family_summary',
        recordId: s.id,
      });
      await this.audit.record(
        {
          action: 'family_summary.create',
          recordType: 'family_summary',
          recordId: s.id,
          childIds: c.childIds,
          metadata: { caseId, planType: dto.planType, planId, version: dto.version },
        },
        m,
      );
      return summaryResponse(s);
    });
  }

  publish(actor: Actor, id: string) {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'family_summary.write',
        { kind: FAMILY_SUMMARY, id },
        { lock: 'share' },
      );
      const s = (await this.repo.findSummary(m, c.localAuthorityId, id, true))!;
      if (s.status === 'published')
        throw conflict('already_published', 'This family summary is already published');
      const plan = (await this.repo.plansInForce(m, c.localAuthorityId, s.caseId)).find(
        (p) => p.planId === s.planId,
      );
      if (!plan || plan.version !== s.planVersion)
        throw conflict(
          'plan_version_not_in_force',
          'The plan has moved on since this summary was drafted: draft one for the version in force',
        );
      await this.repo.publishSummary(m, c.localAuthorityId, id, actor.id);
      await this.timeline.append(m, {
        caseId: s.caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'family_summary_published',
        summary: `Family summary of the ${PLAN_LABEL[s.planType]} (version ${s.planVersion}) published to the family`,
        data: { summaryId: id, planType: s.planType, planId: s.planId, version: s.planVersion },
        recordType: 'family_summary',
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'family_summary.publish',
          recordType: 'family_summary',
          recordId: id,
          childIds: c.childIds,
          changes: { status: { before: 'draft', after: 'published' } },
          metadata: { caseId: s.caseId },
        },
        m,
      );
      return summaryResponse((await this.repo.findSummary(m, c.localAuthorityId, id))!);
    });
  }

  async list(actor: Actor, caseId: string) {
    const m = this.ds.manager;
    const c = await this.access.requireCase(m, actor, 'case.read', caseId);
    const rows = await this.repo.listSummaries(m, c.localAuthorityId, caseId);
    await this.audit.record({
      action: 'family_summary.list',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return { data: rows.map(summaryResponse), nextCursor: null };
  }

  explain(actor: Actor, decisionId: string, dto: ExplanationDto) {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'family_summary.write',
        { kind: DECISION, id: decisionId },
        { lock: 'share' },
      );
      const caseId = c.id;
      const e = await this.repo.insertExplanation(m, {
        la: c.localAuthorityId,
        caseId,
        decisionId,
        text: dto.text.trim(),
        by: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'decision_explained',
        summary: 'A decision was explained for the family',
        data: { decisionId, explanationId: e.id },
        recordType: 'decision',
        recordId: decisionId,
      });
      await this.audit.record(
        {
          action: 'decision.explain',
          recordType: 'decision',
          recordId: decisionId,
          childIds: c.childIds,
          metadata: { caseId, explanationId: e.id },
        },
        m,
      );
      return { ...e, writtenAt: new Date(e.writtenAt).toISOString() };
    });
  }

  async responses(actor: Actor, caseId: string) {
    const m = this.ds.manager;
    const c = await this.access.requireCase(m, actor, 'case.read', caseId);
    const rows = await this.repo.listResponses(m, c.localAuthorityId, caseId);
    await this.audit.record({
      action: 'family_response.list',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return {
      data: rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString() })),
      nextCursor: null,
    };
  }

  /** Who of the person's family may not see which of their details (and whether they are
   * recorded as an alleged perpetrator, which refuses them a grant). */
  setRedactions(actor: Actor, personId: string, dto: RedactionsDto) {
    return this.ds.transaction(async (m) => {
      const la = actorLa(actor);
      const id = personId.toLowerCase();
      const familyId = await this.people.personFamily(m, la, id);
      if (!familyId) throw notFound('Person');
      await this.access.requireFamily(m, actor, 'family.update', familyId, { lock: true });
      const people = await this.people.familyMembers(m, la, familyId);
      const members = new Set(people.map((p) => p.id));
      const withheldFrom = dto.withheldFrom.map((x) => x.toLowerCase());
      if (withheldFrom.some((x) => !members.has(x) || x === id))
        throw validationFailed('withheldFrom', "must list other members of the person's family");
      const before = await this.people.findRedaction(m, la, id);
      await this.people.upsertRedaction(m, la, id, {
        withheldFrom,
        fields: dto.fields,
        allegedPerpetrator: dto.allegedPerpetrator ?? before?.allegedPerpetrator ?? false,
        by: actor.id,
      });
      const after = (await this.people.findRedaction(m, la, id))!;
      await this.audit.record(
        {
          action: 'person.redactions',
          recordType: 'person',
          recordId: id,
          childIds: people.filter((p) => p.kind === 'child').map((p) => p.id),
          changes: {
            withheldFrom: { before: before?.withheldFrom ?? [], after: after.withheldFrom },
            fields: { before: before?.fields ?? [], after: after.fields },
            allegedPerpetrator: {
              before: before?.allegedPerpetrator ?? false,
              after: after.allegedPerpetrator,
            },
          },
          metadata: { familyId },
        },
        m,
      );
      return { ...after, updatedAt: new Date(after.updatedAt).toISOString() };
    });
  }
}
