import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ApprovalRow } from 'src/approvals/approval.repository';
import { ApprovalService, PendingApproval } from 'src/approvals/approval.service';
import { needsSecondApprover } from 'src/approvals/dual-control';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, DomainError, notFound, validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { AddTeamMemberDto, CreateTeamDto, TeamResponse } from './dto/team.dto';
import { Team } from './team.entity';
import { TeamRepository } from './team.repository';

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

type Macpt = ReturnType<typeof macptFields>;

@Injectable()
export class TeamService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly approvals: ApprovalService,
    private readonly clock: Clock,
    private readonly teams: TeamRepository,
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
    const rows = await this.teams.list(this.ds.manager, actorLa(actor));
    return { data: rows, nextCursor: null };
  }

  async get(actor: Actor, id: string): Promise<TeamResponse> {
    const team = await this.teams.find(this.ds.manager, actorLa(actor), id);
    if (!team) throw notFound('Team');
    const members = await this.teams.members(this.ds.manager, id);
    return { ...team, members };
  }

  /**
   * Adds a member. A child-protection team's membership opens its restricted cases: an LA
   * administrator's addition waits for a second approver (`PendingApproval`, 202).
   */
  async addMember(
    actor: Actor,
    teamId: string,
    dto: AddTeamMemberDto,
  ): Promise<TeamResponse | PendingApproval> {
    const la = actorLa(actor);
    const waiting = await this.ds.transaction(async (m) => {
      const kind = await this.checkMember(m, actor, la, teamId, dto.userId);
      const macpt = macptFields(kind, dto, this.clock.today());
      if (kind === 'child_protection' && needsSecondApprover(actor)) {
        return this.approvals.request(m, actor, la, 'team.member', {
          subjectUserId: dto.userId,
          payload: { teamId, userId: dto.userId, profession: dto.profession, macpt },
          summary: { teamId, teamKind: kind, userId: dto.userId, profession: dto.profession },
        });
      }
      await this.insertMember(m, teamId, kind, dto, macpt, null);
      return null;
    });
    return waiting ?? this.get(actor, teamId);
  }

  onModuleInit(): void {
    this.approvals.register('team.member', async (m, approval) => {
      const p = approval.payload as {
        teamId: string;
        userId: string;
        profession: string;
        macpt: Macpt;
      };
      const kind = await this.checkMember(
        m,
        { id: approval.requestedById },
        approval.localAuthorityId,
        p.teamId,
        p.userId,
      );
      await this.insertMember(
        m,
        p.teamId,
        kind,
        { userId: p.userId, profession: p.profession } as AddTeamMemberDto,
        p.macpt,
        approval,
      );
      return p.teamId;
    });
  }

  /** The team's kind, after the checks every addition passes (team and user of the LA, not
   * one's own membership, not already a member). */
  private async checkMember(
    m: EntityManager,
    actor: Pick<Actor, 'id'>,
    la: string,
    teamId: string,
    userId: string,
  ): Promise<string> {
    const team = await this.teams.find(m, la, teamId);
    if (!team) throw notFound('Team');
    if (userId === actor.id) {
      throw new DomainError(
        403,
        'self_administration',
        'You cannot change your own team memberships; another administrator must do it',
      );
    }
    const roles = await this.teams.userRoles(m, la, userId);
    if (!roles) throw notFound('User');
    // A Family Help team's membership opens every case of the team; a partner agency sees only
    // the records shared with it, so a partner user never joins a Family Help team (partner
    // agencies sit on child_protection teams only as MACPT members).
    if (team.kind === 'family_help' && roles.includes('partner')) {
      throw conflict(
        'partner_not_team_member',
        'A partner agency user cannot join a Family Help team (it would open every case of the team); share the records they need instead',
      );
    }
    if (await this.teams.isMember(m, teamId, userId))
      throw conflict('already_member', 'That user is already a member of this team');
    return team.kind;
  }

  private async insertMember(
    m: EntityManager,
    teamId: string,
    kind: string,
    dto: AddTeamMemberDto,
    macpt: Macpt,
    approval: ApprovalRow | null,
  ): Promise<void> {
    if (!(await this.teams.addMember(m, teamId, dto.userId, dto.profession, macpt)))
      throw conflict('already_member', 'That user is already a member of this team');
    await this.audit.record(
      {
        action: 'team.member_add',
        recordType: 'team',
        recordId: teamId,
        // A membership grants access to the team's cases: a privileged event.
        metadata: {
          userId: dto.userId,
          privileged: true,
          teamKind: kind,
          ...(approval ? { approvalId: approval.id, requestedById: approval.requestedById } : {}),
        },
        changes: {
          membership: {
            before: null,
            after: {
              userId: dto.userId,
              teamKind: kind,
              profession: dto.profession,
              ...(macpt.agency ? macpt : {}),
            },
          },
          profession: { before: null, after: dto.profession },
        },
      },
      m,
    );
  }
}
