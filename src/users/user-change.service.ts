import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { Role } from 'src/access/roles';
import type { ApprovalRow } from 'src/approvals/approval.repository';
import { ApprovalService } from 'src/approvals/approval.service';
import { isPlatformAdmin } from 'src/approvals/dual-control';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { updateVersioned } from 'src/common/sql';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { UpdateUserDto, UserResponse } from './dto/user.dto';
import { assertNoRoleConflict, sameRoles, selfAdministration } from './separation-of-duties';
import { NewUser, PUBLIC_FIELDS, toUserResponse } from './user-fields';
import { User } from './user.entity';

/**
 * A user created or changed, in the caller's transaction: at once (UserService), or as a second
 * approver's approval of a `user.create` or `user.roles` request (registered here), each with
 * its audit row (privileged when it names roles or the active flag).
 */
@Injectable()
export class UserChangeService implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly approvals: ApprovalService,
  ) {}

  /** The second approver's approval of a `user.create` or `user.roles` request. */
  onModuleInit(): void {
    this.approvals.register('user.create', async (m, approval, approver) => {
      const p = approval.payload as unknown as NewUser;
      assertNoRoleConflict(p.roles);
      const created = await this.insertUser(approver, p, m, approval);
      return created.id;
    });
    this.approvals.register('user.roles', async (m, approval) => {
      const p = approval.payload as { userId: string; roles: Role[] };
      await this.applyUpdate(
        m,
        approval.subjectUserId as string,
        null,
        { roles: p.roles },
        approval,
      );
      return p.userId;
    });
  }

  /** 404 for an unknown local authority; 409 for an email already in use. */
  async assertLaAndEmail(actor: Actor, u: NewUser, m: EntityManager): Promise<void> {
    const la = await m.findOne(LocalAuthority, {
      where: { id: u.localAuthorityId },
      select: ['id'],
    });
    if (!la) throw notFound('Local authority');
    await this.assertEmailFree(actor, u.email, u.localAuthorityId, m);
  }

  /** Inserts the user with its privileged audit event naming the roles (and, when a second
   * approver made it, the approval and its requester). */
  async insertUser(
    actor: Actor,
    u: NewUser,
    m: EntityManager,
    approval: ApprovalRow | null,
  ): Promise<UserResponse> {
    await this.assertLaAndEmail(actor, u, m);
    // Who made the account: the requester under dual control, else the caller; the platform's
    // own creations are not counted (LA onboarding).
    const createdById = approval
      ? approval.requestedById
      : isPlatformAdmin(actor)
        ? null
        : actor.id;
    const user = await m.save(m.create(User, { ...u, createdById }));
    await this.audit.record(
      {
        action: 'user.create',
        recordType: 'user',
        recordId: user.id,
        localAuthorityId: u.localAuthorityId,
        changes: diffFields({}, user, ['email', 'name', 'roles', 'agency', 'passwordHash']),
        metadata: {
          privileged: true,
          roles: u.roles,
          ...(approval ? { approvalId: approval.id, requestedById: approval.requestedById } : {}),
        },
      },
      m,
    );
    return toUserResponse(user);
  }

  /**
   * Emails are unique across Tandem (sign-in names no LA). An LA admin learns only that an
   * address cannot be used: the same 409 whether it is taken in their own LA or elsewhere,
   * never which LA or whose. The platform admin, who administers every LA, is told; a clash
   * across LAs is a security event (`user.email_clash`) for the platform admin.
   */
  private async assertEmailFree(
    actor: Actor,
    email: string,
    la: string,
    m: EntityManager,
  ): Promise<void> {
    const clash: { la: string | null }[] = await m.query(
      `SELECT local_authority_id AS la FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    if (!clash.length) return;
    if (!actor.localAuthorityId) {
      throw conflict('email_taken', 'A user with that email already exists', {
        existingLocalAuthorityId: clash[0].la,
      });
    }
    if (clash[0].la !== actor.localAuthorityId) {
      void this.audit.recordDetached({
        action: 'user.email_clash',
        outcome: 'denied',
        recordType: 'user',
        localAuthorityId: null,
        metadata: { requestedForLocalAuthorityId: la, existingLocalAuthorityId: clash[0].la },
      });
    }
    throw conflict(
      'email_unavailable',
      'This email address cannot be used for a new account; ask your platform administrator if it should be',
    );
  }

  /** The change itself (at once, or as a second approver's approval: `version` null then, the
   * approval's roles applied over whatever else changed meanwhile). */
  async applyUpdate(
    m: EntityManager,
    id: string,
    version: number | null,
    dto: UpdateUserDto,
    approval: ApprovalRow | null,
    actor?: Actor,
  ): Promise<UserResponse> {
    const before = await m.findOne(User, {
      where: { id },
      select: [...PUBLIC_FIELDS],
      lock: { mode: 'pessimistic_write' },
    });
    if (!before) throw notFound('User');
    const roles = dto.roles ?? before.roles;
    const rolesChanged = !sameRoles(roles, before.roles);
    const activeChanged = dto.active !== undefined && dto.active !== before.active;
    if (actor && actor.id === id && rolesChanged) throw selfAdministration('roles');
    if (actor && actor.id === id && activeChanged) throw selfAdministration('active flag');
    if (rolesChanged) assertNoRoleConflict(roles);
    const agency = dto.agency !== undefined ? dto.agency : before.agency; // null clears it
    if ((roles.includes('partner') || roles.includes('macpt_member')) && !agency)
      throw validationFailed('agency', 'agency is required for partner and macpt_member users');
    const set: Record<string, unknown> = {};
    if (dto.name !== undefined) set.name = dto.name;
    if (dto.roles !== undefined) set.roles = dto.roles;
    if (dto.active !== undefined) set.active = dto.active;
    // Tokens issued before a disable stay invalid after re-enabling (PrincipalService).
    if (activeChanged && dto.active === false) set.tokens_valid_after = new Date();
    if (dto.agency !== undefined) set.agency = dto.agency;
    set.updated_at = new Date();
    if (!(await updateVersioned(m, 'app_user', id, version ?? before.version, set)))
      throw preconditionFailed();
    const after = (await m.findOne(User, { where: { id }, select: [...PUBLIC_FIELDS] })) as User;
    await this.audit.record(
      {
        action: dto.active === false && before.active ? 'user.disable' : 'user.update',
        recordType: 'user',
        recordId: id,
        localAuthorityId: before.localAuthorityId,
        changes: diffFields(before, after, ['name', 'roles', 'active', 'agency']),
        // Role and active-flag changes are privileged events naming the roles (auditors list
        // them apart).
        metadata:
          rolesChanged || activeChanged
            ? {
                privileged: true,
                ...(rolesChanged ? { roles, rolesBefore: before.roles } : {}),
                ...(approval
                  ? { approvalId: approval.id, requestedById: approval.requestedById }
                  : {}),
              }
            : null,
      },
      m,
    );
    return toUserResponse(after);
  }
}
