import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TeamMemberResponse } from './dto/team.dto';
import type { Team } from './team.entity';

/** Reads of the LA's teams and their members; the LA comes first. */
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
}
