import type { SignInFacts } from './sign-in-advice';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { PasswordService } from 'src/auth/password.service';
import { PrincipalCache } from 'src/auth/principal-cache';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import {
  badRequest,
  conflict,
  DomainError,
  notFound,
  preconditionFailed,
  validationFailed,
} from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from 'src/common/pagination';
import { updateVersioned } from 'src/common/sql';
import { assertSameLa } from 'src/common/tenancy';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import type { Role } from 'src/access/roles';
import type { ApprovalRow } from 'src/approvals/approval.repository';
import { ApprovalService, PendingApproval } from 'src/approvals/approval.service';
import {
  grantedPowerRoles,
  isPlatformAdmin,
  needsSecondApprover,
} from 'src/approvals/dual-control';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponse } from './dto/user.dto';
import { roleConflicts, sameRoles } from './separation-of-duties';
import { User } from './user.entity';

/** 400 `role_conflict` naming the roles that separation of duties keeps apart. */
function assertNoRoleConflict(roles: User['roles']): void {
  const conflicts = roleConflicts(roles);
  if (!conflicts.length) return;
  const message = `separation of duties: these roles are never held together: ${conflicts.join(', ')}`;
  throw badRequest('role_conflict', `roles: ${message}`, [{ field: 'roles', message }]);
}

type NewUser = Pick<
  User,
  'email' | 'name' | 'passwordHash' | 'roles' | 'localAuthorityId' | 'agency'
> & { localAuthorityId: string };

/** Nobody changes their own roles, team memberships or active flag (403). */
export const selfAdministration = (what: string) =>
  new DomainError(
    403,
    'self_administration',
    `You cannot change your own ${what}; another administrator must do it`,
  );

const PUBLIC_FIELDS = [
  'id',
  'email',
  'name',
  'roles',
  'localAuthorityId',
  'agency',
  'active',
  'version',
] as const;

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    localAuthorityId: u.localAuthorityId,
    agency: u.agency,
    active: u.active,
    version: u.version,
  };
}

@Injectable()
export class UserService implements OnApplicationBootstrap, OnModuleInit {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly approvals: ApprovalService,
  ) {}

  /** TANDEM_ADMIN_EMAIL/PASSWORD: create the platform admin once; never log the password. */
  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.TANDEM_ADMIN_EMAIL;
    const password = this.config.TANDEM_ADMIN_PASSWORD;
    if (!email || !password) return;
    const hash = await this.passwords.hash(password);
    const inserted: { id: string }[] = await this.ds.query(
      `INSERT INTO app_user (email, name, password_hash, roles, local_authority_id)
       SELECT $1, 'Platform administrator', $2, ARRAY['platform_admin'], NULL
       WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE lower(email) = lower($1))
       ON CONFLICT DO NOTHING RETURNING id`,
      [email, hash],
    );
    if (inserted[0]) {
      await this.audit.record({
        actor: null,
        action: 'user.bootstrap_admin',
        recordType: 'user',
        recordId: inserted[0].id,
        localAuthorityId: null,
      });
      this.logger.log(`platform admin created for ${email}`);
    }
  }

  /** The facts of the start-up's sign-in advice (src/users/sign-in-advice.ts). */
  async signInFacts(): Promise<SignInFacts> {
    const [row]: { platform: number; la: number }[] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE 'platform_admin' = ANY(roles))::int AS platform,
              count(*) FILTER (WHERE 'la_admin' = ANY(roles))::int AS la
         FROM app_user WHERE active`,
    );
    return {
      platformAdmins: row.platform,
      laAdmins: row.la,
      bootstrapAdminConfigured: Boolean(
        this.config.TANDEM_ADMIN_EMAIL && this.config.TANDEM_ADMIN_PASSWORD,
      ),
    };
  }

  /**
   * Creates a user. An LA administrator creating an `la_admin`, `ecpp` or `cp_manager` does not
   * create it: the request waits for a second approver (`PendingApproval`, 202), with a
   * privileged audit event naming the roles; the approver's approval creates it.
   */
  async create(
    actor: Actor,
    dto: CreateUserDto,
    manager?: EntityManager,
  ): Promise<UserResponse | PendingApproval> {
    assertSameLa(actor, dto.localAuthorityId, 'Local authority');
    assertNoRoleConflict(dto.roles);
    if ((dto.roles.includes('partner') || dto.roles.includes('macpt_member')) && !dto.agency)
      throw validationFailed('agency', 'agency is required for partner and macpt_member users');
    const hash = await this.passwords.hash(dto.password);
    const fields: NewUser = {
      email: dto.email,
      name: dto.name,
      passwordHash: hash,
      roles: dto.roles,
      localAuthorityId: dto.localAuthorityId,
      agency: dto.agency ?? null,
    };
    const power = grantedPowerRoles([], dto.roles);
    const work = async (m: EntityManager) => {
      if (power.length && needsSecondApprover(actor)) {
        await this.assertLaAndEmail(actor, fields, m);
        return this.approvals.request(m, actor, dto.localAuthorityId, 'user.create', {
          subjectUserId: null,
          payload: { ...fields },
          summary: { email: dto.email, name: dto.name, roles: dto.roles, agency: fields.agency },
        });
      }
      return this.insertUser(actor, fields, m, null);
    };
    return manager ? work(manager) : this.ds.transaction(work);
  }

  private async assertLaAndEmail(actor: Actor, u: NewUser, m: EntityManager): Promise<void> {
    const la = await m.findOne(LocalAuthority, {
      where: { id: u.localAuthorityId },
      select: ['id'],
    });
    if (!la) throw notFound('Local authority');
    await this.assertEmailFree(actor, u.email, u.localAuthorityId, m);
  }

  /** Inserts the user with its privileged audit event naming the roles (and, when a second
   * approver made it, the approval and its requester). */
  private async insertUser(
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

  async list(actor: Actor, q: ListUsersQueryDto): Promise<Page<UserResponse>> {
    const la = actor.localAuthorityId ?? q.localAuthorityId;
    if (!la)
      throw validationFailed(
        'localAuthorityId',
        'localAuthorityId is required for the platform admin',
      );
    assertSameLa(actor, la, 'Local authority');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(q.cursor, 2);
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .select(PUBLIC_FIELDS.map((f) => `u.${f}`))
      .where('u.localAuthorityId = :la', { la })
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    qb.addSelect('u.createdAt');
    if (cursor)
      qb.andWhere('(u.createdAt, u.id) > (:at::timestamptz, :id::uuid)', {
        at: cursor[0],
        id: cursor[1],
      });
    // The cursor keeps created_at to the microsecond: a JS Date (milliseconds) would make the
    // next page repeat rows created within the same millisecond.
    qb.addSelect(
      `to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      'cursor_at',
    );
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
    const rows = entities.map((u, i) => ({ u, at: raw[i].cursor_at }));
    const page = toPage(rows, limit, (r) => [r.at, r.u.id]);
    return { data: page.data.map((r) => toUserResponse(r.u)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<UserResponse> {
    const u = await this.ds
      .getRepository(User)
      .findOne({ where: { id }, select: [...PUBLIC_FIELDS] });
    if (!u) throw notFound('User');
    assertSameLa(actor, u.localAuthorityId, 'User');
    return toUserResponse(u);
  }

  /**
   * Changes a user. An LA administrator granting `la_admin`, `ecpp` or `cp_manager` does not
   * grant it: the role change waits for a second approver (`PendingApproval`, 202; the other
   * fields of the same request wait with it, so the change is applied whole or not at all).
   */
  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateUserDto,
  ): Promise<UserResponse | PendingApproval> {
    const result = await this.ds.transaction(async (m) => {
      const before = await m.findOne(User, { where: { id }, select: [...PUBLIC_FIELDS] });
      if (!before) throw notFound('User');
      assertSameLa(actor, before.localAuthorityId, 'User');
      if (before.roles.includes('platform_admin')) throw notFound('User');
      const roles = dto.roles ?? before.roles;
      const power = grantedPowerRoles(before.roles, roles);
      if (power.length && needsSecondApprover(actor)) {
        if (actor.id === id) throw selfAdministration('roles');
        assertNoRoleConflict(roles);
        if (before.version !== version) throw preconditionFailed();
        return this.approvals.request(m, actor, before.localAuthorityId as string, 'user.roles', {
          subjectUserId: id,
          payload: { userId: id, roles },
          summary: { userId: id, roles, granted: power, rolesBefore: before.roles },
        });
      }
      return this.applyUpdate(m, id, version, dto, null, actor);
    });
    if (!(result instanceof PendingApproval)) this.principals.forget(`user:${id}`);
    return result;
  }

  /** The change itself (at once, or as a second approver's approval: `version` null then, the
   * approval's roles applied over whatever else changed meanwhile). */
  private async applyUpdate(
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
