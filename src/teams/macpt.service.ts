import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { StatutoryRole } from 'src/access/roles';
import { AuditService } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, DomainError, notFound } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import {
  EndMembershipQueryDto,
  MacptMemberResponse,
  MacptMembershipDto,
  MacptStatusResponse,
} from './dto/team.dto';
import { macptStatus } from './macpt-rules';

interface MemberRow {
  profession: string;
  agency: string | null;
  statutoryRole: string | null;
  from: string | null;
}

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
  ) {}

  async status(actor: Actor, teamId: string): Promise<MacptStatusResponse> {
    const la = actorLa(actor);
    return this.ds.transaction(async (m) => {
      await this.childProtectionTeam(m, la, teamId);
      const members: MacptMemberResponse[] = await m.query(
        `SELECT tm.user_id AS "userId", u.name, tm.agency, tm.statutory_role AS "statutoryRole",
                tm.from_date::text AS "from"
           FROM team_member tm JOIN app_user u ON u.id = tm.user_id
          WHERE tm.team_id = $1 AND tm.statutory_role IS NOT NULL AND u.active
          ORDER BY u.name, u.id`,
        [teamId],
      );
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
      await m.query(
        `UPDATE team_member SET agency = $3, statutory_role = $4, from_date = $5
          WHERE team_id = $1 AND user_id = $2`,
        [teamId, userId, dto.agency, dto.statutoryRole, from],
      );
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
      const team: unknown[] = await m.query(
        `SELECT 1 FROM team WHERE id = $1 AND local_authority_id = $2`,
        [teamId, la],
      );
      if (!team.length) throw notFound('Team');
      refuseSelf(actor, userId);
      const before = await this.member(m, teamId, userId);
      const on = q.on ?? this.clock.today();
      requireDateInRange('on', on, this.clock.today(), before.from, 'the membership began');
      await this.endIn(m, actor, teamId, userId, on);
    });
  }

  private async endIn(m: EntityManager, actor: Actor, teamId: string, userId: string, on: string) {
    const moved: unknown[] = await m.query(
      `WITH gone AS (DELETE FROM team_member WHERE team_id = $1 AND user_id = $2 RETURNING *)
       INSERT INTO team_member_history (team_id, user_id, profession, agency, statutory_role,
                                        from_date, to_date, joined_at, ended_by_id)
       SELECT team_id, user_id, profession, agency, statutory_role, from_date, $3, joined_at, $4
         FROM gone RETURNING id`,
      [teamId, userId, on, actor.id],
    );
    if (!moved.length) throw notFound('Team member');
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
    const team: { kind: string }[] = await m.query(
      `SELECT kind FROM team WHERE id = $1 AND local_authority_id = $2`,
      [teamId, la],
    );
    if (!team.length) throw notFound('Team');
    if (team[0].kind !== 'child_protection')
      throw conflict(
        'not_child_protection_team',
        'MACPT membership belongs to child_protection teams only',
      );
  }

  private async member(m: EntityManager, teamId: string, userId: string): Promise<MemberRow> {
    const rows: MemberRow[] = await m.query(
      `SELECT profession, agency, statutory_role AS "statutoryRole", from_date::text AS "from"
         FROM team_member WHERE team_id = $1 AND user_id = $2 FOR UPDATE`,
      [teamId, userId],
    );
    if (!rows[0]) throw notFound('Team member');
    return rows[0];
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
