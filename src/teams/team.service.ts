import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, DomainError, notFound, validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { AddTeamMemberDto, CreateTeamDto, TeamMemberResponse, TeamResponse } from './dto/team.dto';
import { Team } from './team.entity';

/**
 * A membership's MACPT fields: only on a child_protection team, agency and statutory role
 * together, dated on or before today (400 naming the field otherwise).
 */
export function macptFields(
  kind: string,
  dto: { agency?: string; statutoryRole?: string; from?: string },
  today: string,
): { agency: string | null; statutoryRole: string | null; from: string | null } {
  if (dto.agency === undefined && dto.statutoryRole === undefined) {
    if (dto.from !== undefined) requireDateInRange('from', dto.from, today, null, '');
    return { agency: null, statutoryRole: null, from: dto.from ?? today };
  }
  if (kind !== 'child_protection')
    throw validationFailed(
      dto.agency !== undefined ? 'agency' : 'statutoryRole',
      'agency and statutoryRole apply to members of a child_protection team (MACPT) only',
    );
  if (dto.agency === undefined) throw validationFailed('agency', 'give agency with statutoryRole');
  if (dto.statutoryRole === undefined)
    throw validationFailed('statutoryRole', 'give statutoryRole with agency');
  if (dto.from !== undefined) requireDateInRange('from', dto.from, today, null, '');
  return { agency: dto.agency, statutoryRole: dto.statutoryRole, from: dto.from ?? today };
}

@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateTeamDto): Promise<TeamResponse> {
    const la = actorLa(actor);
    return this.ds.transaction(async (m) => {
      const team = await m.save(
        m.create(Team, { localAuthorityId: la, name: dto.name, kind: dto.kind }),
      );
      await this.audit.record(
        {
          action: 'team.create',
          recordType: 'team',
          recordId: team.id,
          changes: {
            name: { before: null, after: dto.name },
            kind: { before: null, after: dto.kind },
          },
        },
        m,
      );
      return { id: team.id, localAuthorityId: la, name: team.name, kind: team.kind, members: [] };
    });
  }

  async list(actor: Actor) {
    const rows: Team[] = await this.ds.query(
      `SELECT id, local_authority_id AS "localAuthorityId", name, kind FROM team WHERE local_authority_id = $1 ORDER BY name, id`,
      [actorLa(actor)],
    );
    return { data: rows, nextCursor: null };
  }

  async get(actor: Actor, id: string): Promise<TeamResponse> {
    const rows: Team[] = await this.ds.query(
      `SELECT id, local_authority_id AS "localAuthorityId", name, kind FROM team WHERE id = $1 AND local_authority_id = $2`,
      [id, actorLa(actor)],
    );
    if (!rows[0]) throw notFound('Team');
    const members: TeamMemberResponse[] = await this.ds.query(
      `SELECT tm.user_id AS "userId", u.name, tm.profession, u.roles, tm.agency,
              tm.statutory_role AS "statutoryRole", tm.from_date::text AS "from"
         FROM team_member tm JOIN app_user u ON u.id = tm.user_id
        WHERE tm.team_id = $1 ORDER BY u.name, u.id`,
      [id],
    );
    return { ...rows[0], members };
  }

  async addMember(actor: Actor, teamId: string, dto: AddTeamMemberDto): Promise<TeamResponse> {
    const la = actorLa(actor);
    await this.ds.transaction(async (m) => {
      const team: { kind: string }[] = await m.query(
        `SELECT kind FROM team WHERE id = $1 AND local_authority_id = $2`,
        [teamId, la],
      );
      if (!team.length) throw notFound('Team');
      if (dto.userId === actor.id) {
        throw new DomainError(
          403,
          'self_administration',
          'You cannot change your own team memberships; another administrator must do it',
        );
      }
      const user: { roles: string[] }[] = await m.query(
        `SELECT roles FROM app_user WHERE id = $1 AND local_authority_id = $2`,
        [dto.userId, la],
      );
      if (!user.length) throw notFound('User');
      // A Family Help team's membership opens every case of the team; a partner agency sees only
      // the records shared with it, so a partner user never joins a Family Help team (partner
      // agencies sit on child_protection teams only as MACPT members).
      if (team[0].kind === 'family_help' && user[0].roles.includes('partner')) {
        throw conflict(
          'partner_not_team_member',
          'A partner agency user cannot join a Family Help team (it would open every case of the team); share the records they need instead',
        );
      }
      const macpt = macptFields(team[0].kind, dto, this.clock.today());
      const inserted: unknown[] = await m.query(
        `INSERT INTO team_member (team_id, user_id, profession, agency, statutory_role, from_date)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING user_id`,
        [teamId, dto.userId, dto.profession, macpt.agency, macpt.statutoryRole, macpt.from],
      );
      if (!inserted.length)
        throw conflict('already_member', 'That user is already a member of this team');
      await this.audit.record(
        {
          action: 'team.member_add',
          recordType: 'team',
          recordId: teamId,
          // A membership grants access to the team's cases: a privileged event.
          metadata: { userId: dto.userId, privileged: true },
          changes: {
            membership: {
              before: null,
              after: {
                userId: dto.userId,
                teamKind: team[0].kind,
                profession: dto.profession,
                ...(macpt.agency ? macpt : {}),
              },
            },
            profession: { before: null, after: dto.profession },
          },
        },
        m,
      );
    });
    return this.get(actor, teamId);
  }
}
