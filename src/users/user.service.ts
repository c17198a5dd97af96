import type { SignInFacts } from './sign-in-advice';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { PasswordService } from 'src/auth/password.service';
import { PrincipalCache } from 'src/auth/principal-cache';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from 'src/common/pagination';
import { assertSameLa } from 'src/common/tenancy';
import { ApprovalService, PendingApproval } from 'src/approvals/approval.service';
import { grantedPowerRoles, needsSecondApprover } from 'src/approvals/dual-control';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponse } from './dto/user.dto';
import { assertNoRoleConflict, selfAdministration } from './separation-of-duties';
import { UserChangeService } from './user-change.service';
import { NewUser, PUBLIC_FIELDS, toUserResponse } from './user-fields';
import { User } from './user.entity';

/**
 * Users administered (docs/security.md): created, listed, read and changed; a grant of a power
 * role by an LA administrator waits for a second approver. The change itself, at once or on
 * approval: UserChangeService. Also the platform admin bootstrapped at start-up, and the facts
 * of the start-up's sign-in advice.
 */
@Injectable()
export class UserService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly approvals: ApprovalService,
    private readonly changes: UserChangeService,
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
        await this.changes.assertLaAndEmail(actor, fields, m);
        return this.approvals.request(m, actor, dto.localAuthorityId, 'user.create', {
          subjectUserId: null,
          payload: { ...fields },
          summary: { email: dto.email, name: dto.name, roles: dto.roles, agency: fields.agency },
        });
      }
      return this.changes.insertUser(actor, fields, m, null);
    };
    return manager ? work(manager) : this.ds.transaction(work);
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
      return this.changes.applyUpdate(m, id, version, dto, null, actor);
    });
    if (!(result instanceof PendingApproval)) this.principals.forget(`user:${id}`);
    return result;
  }
}
