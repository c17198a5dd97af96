import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { conflict, DomainError, notFound } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { AddTeamMemberDto, CreateTeamDto, TeamMemberResponse, TeamResponse } from './dto/team.dto';
import { Team } from './team.entity';

@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
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
      `SELECT tm.user_id AS "userId", u.name, tm.profession, u.roles FROM team_member tm JOIN app_user u ON u.id = tm.user_id
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
      // A team membership opens every case of the team; a partner agency sees only the records
      // shared with it, so a partner user is never a team member.
      if (user[0].roles.includes('partner')) {
        throw conflict(
          'partner_not_team_member',
          'A partner agency user cannot be a team member (it would open every case of the team); share the records they need instead',
        );
      }
      const inserted: unknown[] = await m.query(
        `INSERT INTO team_member (team_id, user_id, profession) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
        [teamId, dto.userId, dto.profession],
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
              after: { userId: dto.userId, teamKind: team[0].kind, profession: dto.profession },
            },
            profession: { before: null, after: dto.profession },
          },
        },
        m,
      );
    });
    return this.get(actor, teamId);
  }

  /**
   * Ends a membership: the user no longer reaches the team's cases as a member (their own
   * leads and co-working stay). Audited as a privileged event with the membership ended.
   */
  async removeMember(actor: Actor, teamId: string, userId: string): Promise<TeamResponse> {
    const la = actorLa(actor);
    await this.ds.transaction(async (m) => {
      const team: { kind: string }[] = await m.query(
        `SELECT kind FROM team WHERE id = $1 AND local_authority_id = $2 FOR UPDATE`,
        [teamId, la],
      );
      if (!team.length) throw notFound('Team');
      if (userId === actor.id) {
        throw new DomainError(
          403,
          'self_administration',
          'You cannot change your own team memberships; another administrator must do it',
        );
      }
      // TypeORM answers a DELETE … RETURNING with [rows, affected].
      const [removed]: [{ profession: string }[], number] = await m.query(
        `DELETE FROM team_member WHERE team_id = $1 AND user_id = $2 RETURNING profession`,
        [teamId, userId],
      );
      if (!removed.length) throw notFound('Team member');
      await this.audit.record(
        {
          action: 'team.member_remove',
          recordType: 'team',
          recordId: teamId,
          metadata: { userId, privileged: true },
          changes: {
            membership: {
              before: { userId, teamKind: team[0].kind, profession: removed[0].profession },
              after: null,
            },
          },
        },
        m,
      );
    });
    return this.get(actor, teamId);
  }
}
