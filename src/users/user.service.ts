import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
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
export class UserService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  async create(actor: Actor, dto: CreateUserDto, manager?: EntityManager): Promise<UserResponse> {
    assertSameLa(actor, dto.localAuthorityId, 'Local authority');
    assertNoRoleConflict(dto.roles);
    if ((dto.roles.includes('partner') || dto.roles.includes('macpt_member')) && !dto.agency)
      throw validationFailed('agency', 'agency is required for partner and macpt_member users');
    const hash = await this.passwords.hash(dto.password);
    const work = async (m: EntityManager) => {
      const la = await m.findOne(LocalAuthority, {
        where: { id: dto.localAuthorityId },
        select: ['id'],
      });
      if (!la) throw notFound('Local authority');
      await this.assertEmailFree(actor, dto.email, dto.localAuthorityId, m);
      const user = await m.save(
        m.create(User, {
          email: dto.email,
          name: dto.name,
          passwordHash: hash,
          roles: dto.roles,
          localAuthorityId: dto.localAuthorityId,
          agency: dto.agency ?? null,
        }),
      );
      await this.audit.record(
        {
          action: 'user.create',
          recordType: 'user',
          recordId: user.id,
          localAuthorityId: dto.localAuthorityId,
          changes: diffFields({}, user, ['email', 'name', 'roles', 'agency', 'passwordHash']),
          metadata: { privileged: true },
        },
        m,
      );
      return toUserResponse(user);
    };
    return manager ? work(manager) : this.ds.transaction(work);
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

  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateUserDto,
  ): Promise<UserResponse> {
    const updated = await this.ds.transaction(async (m) => {
      const before = await m.findOne(User, { where: { id }, select: [...PUBLIC_FIELDS] });
      if (!before) throw notFound('User');
      assertSameLa(actor, before.localAuthorityId, 'User');
      if (before.roles.includes('platform_admin')) throw notFound('User');
      const roles = dto.roles ?? before.roles;
      const rolesChanged = !sameRoles(roles, before.roles);
      const activeChanged = dto.active !== undefined && dto.active !== before.active;
      if (actor.id === id && rolesChanged) throw selfAdministration('roles');
      if (actor.id === id && activeChanged) throw selfAdministration('active flag');
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
      if (!(await updateVersioned(m, 'app_user', id, version, set))) throw preconditionFailed();
      const after = (await m.findOne(User, { where: { id }, select: [...PUBLIC_FIELDS] })) as User;
      await this.audit.record(
        {
          action: dto.active === false && before.active ? 'user.disable' : 'user.update',
          recordType: 'user',
          recordId: id,
          localAuthorityId: before.localAuthorityId,
          changes: diffFields(before, after, ['name', 'roles', 'active', 'agency']),
          // Role and active-flag changes are privileged events (auditors list them apart).
          metadata: rolesChanged || activeChanged ? { privileged: true } : null,
        },
        m,
      );
      return toUserResponse(after);
    });
    this.principals.forget(`user:${id}`); // committed: refused at once here
    return updated;
  }
}
