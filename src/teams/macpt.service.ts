import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { StatutoryRole } from 'src/access/roles';
import { AuditService } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, DomainError, notFound } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { EndMembershipQueryDto, MacptMembershipDto, MacptStatusResponse } from './dto/team.dto';
import { macptStatus } from './macpt-rules';
import { TeamRepository, type MemberRow } from './team.repository';

/**
 * MACPT membership on child_protection teams (la_admin): a member's agency and statutory role,
 * dated; ending a membership moves it to `team_member_history` (its access ends at once); the
 * team's status, constituted or incomplete with what is missing.
 */
@Injectable()
export class MacptService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly teams: TeamRepository,
  ) {}

  async status(actor: Actor, teamId: string): Promise<MacptStatusResponse> {
    const la = actorLa(actor);
    return this.ds.transaction(async (m) => {
      await this.childProtectionTeam(m, la, teamId);
      const members = await this.teams.macptMembers(m, teamId);
      const { status, missing } = macptStatus(
        members.map((x) => ({ statutoryRole: x.statutoryRole as StatutoryRole })),
      );
      return { teamId, status, members, missing };
    });
  }

  async set(
    actor: Actor,
    teamId: string,
    userId: string,
    dto: MacptMembershipDto,
  ): Promise<MacptStatusResponse> {
    const la = actorLa(actor);
    await this.ds.transaction(async (m) => {
      await this.childProtectionTeam(m, la, teamId);
      refuseSelf(actor, userId);
      const before = await this.member(m, teamId, userId);
      const today = this.clock.today();
      const from = dto.from ?? before.from ?? today;
      if (dto.from !== undefined) requireDateInRange('from', dto.from, today, null, '');
      if (dto.to !== undefined) requireDateInRange('to', dto.to, today, from, 'from');
      const after = { agency: dto.agency, statutoryRole: dto.statutoryRole, from };
      await this.teams.setMacpt(m, teamId, userId, after);
      await this.audit.record(
        {
          action: 'team.member_update',
          recordType: 'team',
          recordId: teamId,
          metadata: { userId, privileged: true },
          changes: { macpt: { before, after } },
        },
        m,
      );
      if (dto.to !== undefined) await this.endIn(m, actor, teamId, userId, dto.to);
    });
    return this.status(actor, teamId);
  }

  async end(actor: Actor, teamId: string, userId: string, q: EndMembershipQueryDto): Promise<void> {
    const la = actorLa(actor);
    await this.ds.transaction(async (m) => {
      if (!(await this.teams.find(m, la, teamId))) throw notFound('Team');
      refuseSelf(actor, userId);
      const before = await this.member(m, teamId, userId);
      const on = q.on ?? this.clock.today();
      requireDateInRange('on', on, this.clock.today(), before.from, 'the membership began');
      await this.endIn(m, actor, teamId, userId, on);
    });
  }

  private async endIn(m: EntityManager, actor: Actor, teamId: string, userId: string, on: string) {
    if (!(await this.teams.endMembership(m, teamId, userId, on, actor.id)))
      throw notFound('Team member');
    await this.audit.record(
      {
        action: 'team.member_end',
        recordType: 'team',
        recordId: teamId,
        metadata: { userId, privileged: true },
        changes: { membership: { before: { userId }, after: { userId, endedOn: on } } },
      },
      m,
    );
  }

  private async childProtectionTeam(m: EntityManager, la: string, teamId: string) {
    const team = await this.teams.find(m, la, teamId);
    if (!team) throw notFound('Team');
    if (team.kind !== 'child_protection')
      throw conflict(
        'not_child_protection_team',
        'MACPT membership belongs to child_protection teams only',
      );
  }

  private async member(m: EntityManager, teamId: string, userId: string): Promise<MemberRow> {
    const row = await this.teams.memberForUpdate(m, teamId, userId);
    if (!row) throw notFound('Team member');
    return row;
  }
}

function refuseSelf(actor: Actor, userId: string) {
  if (userId === actor.id)
    throw new DomainError(
      403,
      'self_administration',
      'You cannot change your own team memberships; another administrator must do it',
    );
}
