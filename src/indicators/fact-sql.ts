/** The pieces every indicator's SQL is built from (src/indicators/indicator-sql.ts): the
 * period and as-of parameters, the maintained facts of one indicator, a date as known on the
 * as-of date. */

export interface IndicatorSql {
  items: string;
  /** Measure name (camelCase, in the response) → aggregate over items `i`. */
  measures: Record<string, string>;
  /** Item columns shown in a drill-down row (snake_case in SQL). */
  values: string[];
}

export const FROM = '$2::date';
export const TO = '$3::date';
export const AS_OF = '$4::date';

/** The maintained facts of `indicator` in the LA, team scope and period (by `on_date`). */
export const facts = (indicator: string) => `
    FROM indicator_fact f
   WHERE f.local_authority_id = $1 AND f.indicator = '${indicator}' AND {{TEAM}}
     AND f.on_date BETWEEN ${FROM} AND ${TO}`;

/** A date stored on a fact, as known on the as-of date. */
export const known = (col: string) => `CASE WHEN f.${col} <= ${AS_OF} THEN f.${col} END`;
