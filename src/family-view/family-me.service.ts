import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { AuthService } from 'src/auth/auth.service';
import { LoginThrottleService } from 'src/auth/login-throttle.service';
import { PasswordService } from 'src/auth/password.service';
import { TimelineService } from 'src/cases/timeline.service';
import { badRequest, DomainError, notFound } from 'src/common/domain-error';
import { currentContext } from 'src/common/request-context';
import type { ActivateDto, FamilyPlanView, FamilyResponseDto } from './dto/family-me.dto';
import { invitationHash } from './family-access.service';
import { redactFor, visibleSummaries } from './family-view-rules';
import { FamilyAccessRepository, GrantRow } from './family-access.repository';
import { FamilySummaryRepository } from './family-summary.repository';

const INVALID_INVITATION =
  'The invitation code is not valid: it may have expired, been used, or the access was withdrawn';

/**
 * The family member's own window (docs/family-view.md): activation with the one-time invitation
 * code, then their active grant's published summaries, decision explanations and their
 * responses. Every read is audited with the case's children (so it is in each child's access
 * report); a grant no longer active ends access at the next request (404).
 */
@Injectable()
export class FamilyMeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: FamilyAccessRepository,
    private readonly summaries: FamilySummaryRepository,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async activate(dto: ActivateDto) {
    const ip = currentContext()?.ip ?? 'unknown';
    const email = await this.ds.transaction(async (m) => {
      const g = await this.repo.grantByInvitation(m, invitationHash(dto.invitationCode));
      if (!g || g.expired || g.invitationUsedAt || g.status !== 'active') {
        await this.throttle.failure(null, ip);
        throw new DomainError(401, 'invalid_invitation', INVALID_INVITATION);
      }
      const person = (await this.repo.personOfCase(m, g.localAuthorityId, g.caseId, g.personId))!;
      const existing = await this.repo.userByEmail(m, g.contactEmail);
      let userId: string;
      if (existing) {
        // The same person invited again (another case): their password proves it is them.
        const own = existing.roles.length === 1 && existing.roles[0] === 'family_member';
        if (
          !own ||
          !existing.active ||
          !(await this.passwords.verify(existing.hash, dto.password))
        ) {
          await this.throttle.failure(null, ip);
          throw new DomainError(401, 'invalid_invitation', INVALID_INVITATION);
        }
        userId = existing.id;
      } else {
        userId = await this.repo.insertFamilyUser(m, {
          la: g.localAuthorityId,
          email: g.contactEmail,
          name: `${person.firstName} ${person.lastName}`,
          hash: await this.passwords.hash(dto.password),
        });
      }
      await this.repo.useInvitation(m, g.localAuthorityId, g.id, userId);
      await this.audit.record(
        {
          actor: null,
          localAuthorityId: g.localAuthorityId,
          action: 'family_access.activate',
          recordType: 'family_access_grant',
          recordId: g.id,
          childIds: await this.repo.caseChildren(m, g.caseId),
          metadata: { caseId: g.caseId, userId },
        },
        m,
      );
      return g.contactEmail;
    });
    return this.auth.login(email, dto.password);
  }

  async overview(actor: Actor) {
    const g = await this.window(actor, 'family_view.overview');
    const people = await this.repo.peopleOfCase(this.ds.manager, g.localAuthorityId, g.caseId);
    const shown = people.map((p) => {
      const view = {
        id: p.id,
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        relationship: p.relationship,
        kind: p.kind,
        address: p.address,
        contact: p.contact,
      };
      const red = p.withheldFrom
        ? { withheldFrom: p.withheldFrom, fields: p.fields ?? [] }
        : undefined;
      return redactFor(view, red, g.personId);
    });
    return {
      grantId: g.id,
      scopes: g.scopes,
      you: shown.find((p) => p.id === g.personId)!,
      people: shown.filter((p) => p.id !== g.personId),
    };
  }

  async plans(actor: Actor): Promise<{ data: FamilyPlanView[]; nextCursor: null }> {
    const g = await this.window(actor, 'family_view.plans');
    return { data: await this.visible(this.ds.manager, g), nextCursor: null };
  }

  async plan(actor: Actor, id: string): Promise<FamilyPlanView> {
    const g = await this.window(actor, 'family_view.plan', id);
    const found = (await this.visible(this.ds.manager, g)).find((s) => s.id === id.toLowerCase());
    if (!found) throw notFound('Plan');
    return found;
  }

  async decisions(actor: Actor) {
    const g = await this.window(actor, 'family_view.decisions');
    const rows = await this.summaries.explainedDecisions(
      this.ds.manager,
      g.localAuthorityId,
      g.caseId,
    );
    return {
      data: rows.map((r) => ({ ...r, explainedAt: new Date(r.explainedAt).toISOString() })),
      nextCursor: null,
    };
  }

  respond(actor: Actor, dto: FamilyResponseDto) {
    if (!dto.summaryId === !dto.decisionId)
      throw badRequest('validation_failed', 'Name what you are responding to', [
        { field: 'summaryId', message: 'give exactly one of summaryId or decisionId' },
      ]);
    return this.ds.transaction(async (m) => {
      const g = await this.activeGrant(m, actor);
      const summaryId = dto.summaryId?.toLowerCase() ?? null;
      const decisionId = dto.decisionId?.toLowerCase() ?? null;
      let about: string;
      if (summaryId) {
        const s = (await this.visible(m, g)).find((x) => x.id === summaryId);
        if (!s) throw notFound('Plan');
        about = `the ${s.planType.replace(/_/g, ' ')} summary`;
      } else {
        const d = (await this.summaries.explainedDecisions(m, g.localAuthorityId, g.caseId)).find(
          (x) => x.decisionId === decisionId,
        );
        if (!d) throw notFound('Decision');
        about = 'a decision explained to them';
      }
      const r = await this.summaries.insertResponse(m, {
        la: g.localAuthorityId,
        caseId: g.caseId,
        grantId: g.id,
        userId: actor.id,
        summaryId,
        decisionId,
        agrees: dto.agrees ?? null,
        text: dto.text.trim(),
      });
      const stance =
        dto.agrees === true
          ? 'agreed with'
          : dto.agrees === false
            ? 'disagreed with'
            : 'responded to';
      await this.timeline.append(m, {
        caseId: g.caseId,
        localAuthorityId: g.localAuthorityId,
        type: 'family_response_recorded',
        summary: `${actor.name} (family) ${stance} ${about}: “${r.text}”`,
        data: { responseId: r.id, summaryId, decisionId, agrees: r.agrees },
        recordType: 'family_response',
        recordId: r.id,
      });
      await this.audit.record(
        {
          action: 'family_view.respond',
          recordType: 'family_response',
          recordId: r.id,
          childIds: await this.repo.caseChildren(m, g.caseId),
          metadata: { caseId: g.caseId, grantId: g.id, summaryId, decisionId },
        },
        m,
      );
      return { ...r, recordedAt: new Date(r.recordedAt).toISOString() };
    });
  }

  private async activeGrant(m: EntityManager, actor: Actor): Promise<GrantRow> {
    const g = actor.localAuthorityId
      ? await this.repo.activeGrantOfUser(m, actor.localAuthorityId, actor.id)
      : null;
    if (!g) throw notFound();
    return g;
  }

  /** The caller's active grant, with the read audited into the case children's access report. */
  private async window(actor: Actor, action: string, recordId?: string) {
    const m = this.ds.manager;
    const g = await this.activeGrant(m, actor);
    await this.audit.record({
      action,
      recordType: 'family_access_grant',
      recordId: g.id,
      childIds: await this.repo.caseChildren(m, g.caseId),
      metadata: { caseId: g.caseId, ...(recordId ? { summaryId: recordId } : {}) },
    });
    return g;
  }

  private async visible(m: EntityManager, g: GrantRow): Promise<FamilyPlanView[]> {
    const summaries = await this.summaries.listSummaries(m, g.localAuthorityId, g.caseId);
    const plans = await this.summaries.plansInForce(m, g.localAuthorityId, g.caseId);
    const current = new Map(plans.map((p) => [p.planId, p.version]));
    return visibleSummaries(summaries, g.scopes, current).map((s) => ({
      id: s.id,
      planType: s.planType,
      planVersion: s.planVersion,
      sections: s.sections as unknown as FamilyPlanView['sections'],
      language: s.language,
      publishedAt: new Date(s.publishedAt!).toISOString(),
    }));
  }
}
