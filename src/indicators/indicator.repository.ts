import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorNameSql, teamNameSql } from 'src/common/display-names';
import { INDICATOR_SQL, IndicatorKey } from './indicator-sql';

/** Whose cases an indicator counts (always within the caller's LA). */
export type TeamScope =
  | { kind: 'la' }
  /** Cases of these (Family Help) teams. */
  | { kind: 'teams'; teamIds: string[] }
  /** Cases co-worked, at any time, by an ECPP of this child-protection team. */
  | { kind: 'coworked_by'; teamId: string };

export interface Period {
  from: string;
  to: string;
  asOf: string;
}

export type Measures = Record<string, number | null>;
export interface MonthRow {
  month: string | null;
  measures: Measures;
}
export interface ItemRow {
  caseId: string;
  date: string;
  itemId: string;
  values: Record<string, unknown>;
  /** The case's team and lead practitioner now, with their display names (the case's own LA). */
  teamId: string;
  teamName: string | null;
  leadPractitionerId: string;
  leadPractitionerName: string | null;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The SQL of the practice indicators (src/indicators/indicator-sql.ts): aggregates by month and
 * the items behind them. */
@Injectable()
export class IndicatorRepository {
  /** `items` of `key` in the scope, with its parameters. */
  private items(
    la: string,
    key: IndicatorKey,
    scope: TeamScope,
    p: Period,
  ): { sql: string; params: unknown[] } {
    const params: unknown[] = [la, p.from, p.to, p.asOf];
    let team = 'TRUE';
    if (scope.kind === 'teams') {
      params.push(scope.teamIds);
      team = `f.team_id = ANY ($${params.length}::uuid[])`;
    } else if (scope.kind === 'coworked_by') {
      params.push(scope.teamId);
      team = `EXISTS (SELECT 1 FROM case_co_worker tw JOIN team_member ttm ON ttm.user_id = tw.user_id
                       WHERE tw.case_id = f.case_id AND ttm.team_id = $${params.length}::uuid)`;
    }
    return { sql: INDICATOR_SQL[key].items.split('{{TEAM}}').join(team), params };
  }

  /**
   * Session settings for the aggregate queries, local to the caller's transaction: enough work
   * memory to sort a year of an LA's facts in memory. (No JIT either — its compile time, ~35 ms a
   * query, outweighed what it saved on these short scans — but that is every Tandem connection's
   * setting: `data-source-options.ts`.)
   */
  async tune(m: EntityManager): Promise<void> {
    await m.query(`SET LOCAL work_mem = '128MB'`);
  }

  /** One row per month with items (`month` 'YYYY-MM') and the total (`month` null). */
  async aggregate(
    m: EntityManager,
    la: string,
    key: IndicatorKey,
    scope: TeamScope,
    p: Period,
  ): Promise<MonthRow[]> {
    return (await this.aggregateGroup(m, la, [key], scope, p))[key];
  }

  /**
   * The monthly rows of several indicators read from the same items (INDICATOR_GROUPS: e.g.
   * concern_response and conversion), in one pass over them.
   */
  async aggregateGroup(
    m: EntityManager,
    la: string,
    keys: readonly IndicatorKey[],
    scope: TeamScope,
    p: Period,
  ): Promise<Record<string, MonthRow[]>> {
    const { sql, params } = this.items(la, keys[0], scope, p);
    const measures = keys.flatMap((key) =>
      Object.entries(INDICATOR_SQL[key].measures).map(
        ([name, agg]) => [key, name, `${key}.${name}`, agg] as const,
      ),
    );
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT to_char(date_trunc('month', i.on_date::timestamp), 'YYYY-MM') AS month,
              ${measures.map(([, , alias, agg]) => `${agg} AS "${alias}"`).join(',\n')}
         FROM (${sql}) i
        GROUP BY GROUPING SETS ((date_trunc('month', i.on_date::timestamp)), ())`,
      params,
    );
    return Object.fromEntries(
      keys.map((key) => [
        key,
        rows.map((r) => ({
          month: (r.month as string | null) ?? null,
          measures: Object.fromEntries(
            measures
              .filter(([k]) => k === key)
              .map(([, name, alias]) => [name, r[alias] === null ? null : Number(r[alias])]),
          ),
        })),
      ]),
    );
  }

  /**
   * The items behind `key`, keyset-ordered by (date, item), only on cases `visible` lets through
   * (a WHERE fragment over case_record `fc` from the gate's `caseFilterSql`, whose parameters
   * `visibleParams` were numbered from `firstParam`).
   */
  async itemsPage(
    m: EntityManager,
    la: string,
    key: IndicatorKey,
    scope: TeamScope,
    p: Period,
    visible: (params: unknown[]) => string,
    after: [string, string] | null,
    limit: number,
  ): Promise<ItemRow[]> {
    const { sql, params } = this.items(la, key, scope, p);
    const filter = visible(params);
    let keyset = 'TRUE';
    if (after) {
      params.push(after[0], after[1]);
      keyset = `(i.on_date, i.item_id) > ($${params.length - 1}::date, $${params.length}::text)`;
    }
    params.push(limit);
    const values = INDICATOR_SQL[key].values;
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT i.case_id, to_char(i.on_date, 'YYYY-MM-DD') AS on_date, i.item_id,
              ${values.map((v) => `i.${v}`).join(', ')},
              fc.team_id, ${teamNameSql('fc.team_id', 'fc.local_authority_id')} AS team_name,
              fc.lead_practitioner_id,
              ${actorNameSql('fc.lead_practitioner_id', 'fc.local_authority_id')}
                AS lead_practitioner_name
         FROM (${sql}) i
         JOIN case_record fc ON fc.id = i.case_id
        WHERE ${filter} AND ${keyset}
        ORDER BY i.on_date, i.item_id
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      caseId: r.case_id as string,
      date: r.on_date as string,
      itemId: r.item_id as string,
      values: Object.fromEntries(values.map((v) => [camel(v), r[v]])),
      teamId: r.team_id as string,
      teamName: r.team_name as string | null,
      leadPractitionerId: r.lead_practitioner_id as string,
      leadPractitionerName: r.lead_practitioner_name as string | null,
    }));
  }

  /** The teams of the LA the user is a member of. */
  async memberTeams(m: EntityManager, la: string, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT t.id FROM team t JOIN team_member tm ON tm.team_id = t.id
        WHERE t.local_authority_id = $1 AND tm.user_id = $2 AND t.kind = 'family_help'`,
      [la, userId],
    );
    return rows.map((r) => r.id);
  }

  async teamKind(m: EntityManager, la: string, teamId: string): Promise<string | null> {
    const rows: { kind: string }[] = await m.query(
      `SELECT kind FROM team WHERE id = $1 AND local_authority_id = $2`,
      [teamId, la],
    );
    return rows[0]?.kind ?? null;
  }
}
