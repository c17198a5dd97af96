import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService, assertOpenCase } from 'src/access/access.service';
import type { Permission } from 'src/access/permissions';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, forbidden, validationFailed } from 'src/common/domain-error';
import type { FamilyAccessResponse, ProposeFamilyAccessDto } from './dto/family-access.dto';
import { GrantAction, grantApprover, nextGrantStatus } from './family-view-rules';
import { FamilyAccessRepository, GrantRow } from './family-access.repository';
import { FAMILY_ACCESS_GRANT } from './record-kinds';

/** How long an invitation code opens its grant. */
export const INVITATION_DAYS = 14;

export const invitationHash = (code: string) => createHash('sha256').update(code).digest('hex');

export function grantResponse(g: GrantRow, invitationCode?: string): FamilyAccessResponse {
  return {
    id: g.id,
    caseId: g.caseId,
    personId: g.personId,
    scopes: g.scopes,
    status: g.status,
    contactEmail: g.contactEmail,
    proposedById: g.proposedById,
    proposedAt: new Date(g.proposedAt).toISOString(),
    approvedById: g.approvedById,
    approvedAt: g.approvedAt ? new Date(g.approvedAt).toISOString() : null,
    activated: !!g.invitationUsedAt,
    statusReason: g.statusReason,
    version: g.version,
    ...(invitationCode ? { invitationCode } : {}),
  };
}

const STATUS_WORD: Record<GrantAction, string> = {
  approve: 'approved',
  suspend: 'suspended',
  revoke: 'revoked',
  reinstate: 'reinstated',
};

/**
 * Family-access grants (docs/family-view.md): proposed by the lead practitioner after a safety
 * check, approved by the ECPP on a case in child protection or proceedings (the team's
 * family_help_manager otherwise), which issues a one-time invitation code; suspended or revoked
 * by anyone working on the case, ending the family member's access at their next request.
 */
@Injectable()
export class FamilyAccessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: FamilyAccessRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  propose(actor: Actor, caseId: string, dto: ProposeFamilyAccessDto) {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'family_access.propose', caseId, {
        lock: 'share',
        open: true,
      });
      const personId = dto.personId.toLowerCase();
      const person = await this.repo.personOfCase(m, c.localAuthorityId, caseId, personId);
      if (!person) throw validationFailed('personId', "must be a member of the case's family");
      if (person.allegedPerpetrator)
        throw conflict(
          'grant_refused_safety',
          'This person is recorded as an alleged perpetrator of domestic abuse: family access is refused',
        );
      if (await this.repo.liveGrantFor(m, c.localAuthorityId, caseId, personId))
        throw conflict('grant_exists', 'This person already has family access on this case');
      const g = await this.repo.insertGrant(m, {
        la: c.localAuthorityId,
        caseId,
        personId,
        scopes: dto.scopes,
        notes: dto.safetyCheck.notes.trim(),
        email: dto.contact.email.trim().toLowerCase(),
        by: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'family_access_proposed',
        summary: `Family access proposed for ${person.firstName} (${dto.scopes.join(', ')}) after a safety check`,
        data: { grantId: g.id, personId, scopes: dto.scopes },
        recordType: 'family_access_grant',
        recordId: g.id,
      });
      await this.audit.record(
        {
          action: 'family_access.propose',
          recordType: 'family_access_grant',
          recordId: g.id,
          childIds: c.childIds,
          changes: {
            personId: { before: null, after: personId },
            scopes: { before: null, after: dto.scopes },
            status: { before: null, after: 'proposed' },
          },
          metadata: { caseId },
        },
        m,
      );
      return grantResponse(g);
    });
  }

  async list(actor: Actor, caseId: string) {
    const m = this.ds.manager;
    const c = await this.access.requireCase(m, actor, 'case.read', caseId);
    const rows = await this.repo.listGrants(m, c.localAuthorityId, caseId);
    await this.audit.record({
      action: 'family_access.list',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return { data: rows.map((g) => grantResponse(g)), nextCursor: null };
  }

  approve(actor: Actor, id: string) {
    return this.change(actor, id, 'approve', 'family_access.approve', null);
  }

  suspend(actor: Actor, id: string, reason: string) {
    return this.change(actor, id, 'suspend', 'family_access.manage', reason.trim());
  }

  revoke(actor: Actor, id: string, reason: string | undefined) {
    return this.change(actor, id, 'revoke', 'family_access.manage', reason?.trim() ?? null);
  }

  private change(
    actor: Actor,
    id: string,
    action: GrantAction,
    permission: Permission,
    reason: string | null,
  ): Promise<FamilyAccessResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        permission,
        { kind: FAMILY_ACCESS_GRANT, id },
        { lock: 'share' },
      );
      const g = (await this.repo.findGrant(m, c.localAuthorityId, id, true))!;
      if (action === 'approve') this.requireApprover(actor, c.stage);
      const effective: GrantAction =
        action === 'approve' && g.status === 'suspended' ? 'reinstate' : action;
      const to = nextGrantStatus(g.status, effective);
      if (!to)
        throw conflict('grant_status', `A ${g.status} grant cannot be ${STATUS_WORD[action]}`);
      if (to === 'active') assertOpenCase(c);
      const code = to === 'active' && !g.userId ? randomBytes(24).toString('base64url') : undefined;
      await this.repo.setStatus(m, c.localAuthorityId, id, {
        status: to,
        by: actor.id,
        reason,
        approve: action === 'approve',
        invitation: code
          ? {
              hash: invitationHash(code),
              expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
            }
          : undefined,
      });
      await this.timeline.append(m, {
        caseId: g.caseId,
        localAuthorityId: c.localAuthorityId,
        type: `family_access_${to === 'active' ? 'approved' : to}`,
        summary: `Family access ${STATUS_WORD[effective]}${reason ? `: ${reason}` : ''}`,
        data: { grantId: id, personId: g.personId, status: to },
        recordType: 'family_access_grant',
        recordId: id,
      });
      await this.audit.record(
        {
          action: `family_access.${action}`,
          recordType: 'family_access_grant',
          recordId: id,
          childIds: c.childIds,
          changes: { status: { before: g.status, after: to } },
          metadata: { caseId: g.caseId, invitationIssued: !!code },
        },
        m,
      );
      return grantResponse((await this.repo.findGrant(m, c.localAuthorityId, id))!, code);
    });
  }

  /** The approver the case's stage calls for (the gate has let in either). */
  private requireApprover(actor: Actor, stage: string): void {
    const needed = grantApprover(stage);
    if (!actor.roles.includes(needed))
      throw forbidden(
        needed === 'ecpp'
          ? "On a case in child protection or proceedings, only the case's co-working ECPP approves family access"
          : "Only a family_help_manager of the case's team approves family access on a Family Help case",
      );
  }
}
