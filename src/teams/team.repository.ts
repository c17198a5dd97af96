import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MacptMemberResponse, TeamMemberResponse } from './dto/team.dto';
import type { Team } from './team.entity';

/** A membership's MACPT fields (`MacptService`). */
export interface MemberRow {
  profession: string;
  agency: string | null;
  statutoryRole: string | null;
  from: string | null;
}

/** The LA's teams and their members; the LA comes first. */
@Injectable()
export class TeamRepository {
  /** The LA's teams, by name. */
  async list(m: EntityManager, la: string): Promise<Team[]> {
    return m.query(
      `SELECT id, local_authority_id AS "localAuthorityId", name, kind FROM team WHERE local_authority_id = $1 ORDER BY name, id`,
      [la],
    );
  }

  /** The team `id` of the LA, or undefined. */
  async find(m: EntityManager, la: string, id: string): Promise<Team | undefined> {
    const rows: Team[] = await m.query(
      `SELECT id, local_authority_id AS "localAuthorityId", name, kind FROM team WHERE id = $1 AND local_authority_id = $2`,
      [id, la],
    );
    return rows[0];
  }

  /** The members of a team (one `find` has placed in the caller's LA), by name. */
  async members(m: EntityManager, teamId: string): Promise<TeamMemberResponse[]> {
    return m.query(
      `SELECT tm.user_id AS "userId", u.name, tm.profession, u.roles, tm.agency,
              tm.statutory_role AS "statutoryRole", tm.from_date::text AS "from"
         FROM team_member tm JOIN app_user u ON u.id = tm.user_id
        WHERE tm.team_id = $1 ORDER BY u.name, u.id`,
      [teamId],
    );
  }

  /** The roles of user `id` of the LA, or null when there is none. */
  async userRoles(m: EntityManager, la: string, userId: string): Promise<string[] | null> {
    const user: { roles: string[] }[] = await m.query(
      `SELECT roles FROM app_user WHERE id = $1 AND local_authority_id = $2`,
      [userId, la],
    );
    return user[0]?.roles ?? null;
  }

  /** Whether the user is a member of a team (one `find` has placed in the caller's LA). */
  async isMember(m: EntityManager, teamId: string, userId: string): Promise<boolean> {
    const member: unknown[] = await m.query(
      `SELECT 1 FROM team_member WHERE team_id = $1 AND user_id = $2`,
      [teamId, userId],
    );
    return member.length > 0;
  }

  /** Adds the membership; false when it already exists (nothing written). */
  async addMember(
    m: EntityManager,
    teamId: string,
    userId: string,
    profession: string,
    macpt: { agency: string | null; statutoryRole: string | null; from: string | null },
  ): Promise<boolean> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO team_member (team_id, user_id, profession, agency, statutory_role, from_date)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING user_id`,
      [teamId, userId, profession, macpt.agency, macpt.statutoryRole, macpt.from],
    );
    return inserted.length > 0;
  }

  /** A team's MACPT members (a statutory role, an active user), by name. */
  async macptMembers(m: EntityManager, teamId: string): Promise<MacptMemberResponse[]> {
    return m.query(
      `SELECT tm.user_id AS "userId", u.name, tm.agency, tm.statutory_role AS "statutoryRole",
              tm.from_date::text AS "from"
         FROM team_member tm JOIN app_user u ON u.id = tm.user_id
        WHERE tm.team_id = $1 AND tm.statutory_role IS NOT NULL AND u.active
        ORDER BY u.name, u.id`,
      [teamId],
    );
  }

  /** One membership, locked `FOR UPDATE`, or undefined. */
  async memberForUpdate(
    m: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<MemberRow | undefined> {
    const rows: MemberRow[] = await m.query(
      `SELECT profession, agency, statutory_role AS "statutoryRole", from_date::text AS "from"
         FROM team_member WHERE team_id = $1 AND user_id = $2 FOR UPDATE`,
      [teamId, userId],
    );
    return rows[0];
  }

  /** Sets a membership's MACPT agency, statutory role and start. */
  async setMacpt(
    m: EntityManager,
    teamId: string,
    userId: string,
    macpt: { agency: string; statutoryRole: string; from: string },
  ): Promise<void> {
    await m.query(
      `UPDATE team_member SET agency = $3, statutory_role = $4, from_date = $5
        WHERE team_id = $1 AND user_id = $2`,
      [teamId, userId, macpt.agency, macpt.statutoryRole, macpt.from],
    );
  }

  /** Ends a membership on `on`: moves it to team_member_history; false when there was none. */
  async endMembership(
    m: EntityManager,
    teamId: string,
    userId: string,
    on: string,
    endedById: string,
  ): Promise<boolean> {
    const moved: unknown[] = await m.query(
      `WITH gone AS (DELETE FROM team_member WHERE team_id = $1 AND user_id = $2 RETURNING *)
       INSERT INTO team_member_history (team_id, user_id, profession, agency, statutory_role,
                                        from_date, to_date, joined_at, ended_by_id)
       SELECT team_id, user_id, profession, agency, statutory_role, from_date, $3, joined_at, $4
         FROM gone RETURNING id`,
      [teamId, userId, on, endedById],
    );
    return moved.length > 0;
  }
}
