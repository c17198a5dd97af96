import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recurring child-protection timescales as maintained indicator facts (docs/indicators.md):
 * review conferences, core groups and visits to each child on a plan. Their due dates form a
 * chain (each follows the previous meeting or visit held) inside the CP episodes folded from the
 * replayed history, so `indicator_cp_series(case)` is a PL/pgSQL port of
 * `src/timescales/episodes.ts` (the fold) and of the series rules of
 * `src/timescales/timescale-rules.ts` (`episodeItems`), computed with everything recorded
 * (statuses are applied at query time against the as-of day). The e2e test compares its items
 * with the case's own timescales.
 *
 * `indicator_fact_refresh` (IndicatorFacts1796110000000) becomes `indicator_fact_refresh_base`;
 * the new `indicator_fact_refresh` calls it and then writes the series of the same cases. The
 * meeting triggers now refresh for review conferences and core groups too, and a change of an
 * LA's core-group or visit interval refreshes all its cases.
 */
const WD = `
CREATE FUNCTION indicator_add_working_days(d date, k int) RETURNS date
  LANGUAGE sql STABLE AS $$
  SELECT due.day FROM working_day w0 JOIN working_day due ON due.working AND due.n = w0.n + k
   WHERE w0.day = d $$;
CREATE FUNCTION indicator_working_on_or_before(d date) RETURNS date
  LANGUAGE sql STABLE AS $$
  SELECT wd.day FROM working_day wd
   WHERE wd.working AND wd.n = (SELECT wx.n FROM working_day wx WHERE wx.day = d) $$;
CREATE FUNCTION indicator_add_months(d date, m int) RETURNS date
  LANGUAGE sql STABLE AS $$
  SELECT indicator_working_on_or_before((d + make_interval(months => m))::date) $$;`;

/** One chain: items for each date held (met), then the next one outstanding unless the period
 * ended on or before it fell due. `next_kind`: 'months6', 'weeks', 'wd'. */
const CHAIN = `
CREATE FUNCTION indicator_series_chain(first_due date, held date[], next_kind text, k int,
                                       p_until date)
  RETURNS TABLE (seq int, due date, met date) LANGUAGE plpgsql STABLE AS $$
DECLARE
  d date := first_due;
  h date;
  i int := 0;
BEGIN
  FOREACH h IN ARRAY coalesce(held, '{}') LOOP
    i := i + 1; seq := i; due := d; met := h; RETURN NEXT;
    d := CASE next_kind
           WHEN 'months6' THEN indicator_add_months(h, 6)
           WHEN 'weeks' THEN indicator_working_on_or_before(h + 7 * k)
           ELSE indicator_add_working_days(h, k) END;
  END LOOP;
  IF d IS NOT NULL AND (p_until IS NULL OR d < p_until) THEN
    i := i + 1; seq := i; due := d; met := NULL; RETURN NEXT;
  END IF;
END $$;`;

const SERIES = `
CREATE FUNCTION indicator_cp_series(p_case uuid)
  RETURNS TABLE (kind text, item_id text, due date, met date, ended date)
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  e record;
  -- the replayed state
  st_stage text := 'family_help';
  st_s47 boolean := false; st_sdd date; st_start date;
  st_convened boolean := false; st_conf date; st_held date;
  st_plans jsonb := '{}';
  prev_s47 boolean := false; prev_start date; prev_plans jsonb := '{}';
  -- the episodes
  ep_sdd date[] := '{}'; ep_held date[] := '{}'; ep_end date[] := '{}';
  n_ep int := 0; open_ep int := NULL;
  pp_ep int[] := '{}'; pp_child text[] := '{}'; pp_start date[] := '{}'; pp_end date[] := '{}';
  child text; j int; started boolean;
  -- the items
  cg_weeks int; visit_wd int; held date; p_until date; any_open boolean; last_end date;
BEGIN
  FOR e IN
    SELECT 'decision' AS k, d.id::text AS id, d.created_at AS ts, d.type, d.effective_date AS at,
           d.child_ids, d.category, d.strategy_discussion_date, d.conference_date
      FROM decision d
     WHERE d.case_id = p_case
       AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id)
    UNION ALL
    SELECT ev.type, ev.id::text, ev.at, NULL,
           COALESCE(ev.data->>'closedOn', ev.data->'referral'->>'date',
                    (ev.at AT TIME ZONE 'Europe/London')::date::text)::date,
           NULL, NULL, NULL, NULL
      FROM case_event ev
     WHERE ev.case_id = p_case AND ev.type IN ('case_closed', 'case_reopened')
     ORDER BY 3, 2
  LOOP
    -- apply the entry (src/case-history/case-state.ts, decision-rules.ts applyDecision)
    IF e.k = 'case_closed' THEN
      st_stage := 'closed'; st_s47 := false; st_sdd := NULL; st_start := NULL;
      st_convened := false; st_conf := NULL; st_held := NULL;
    ELSIF e.k = 'case_reopened' THEN
      st_stage := 'family_help';
    ELSIF e.type = 'start_section_47_enquiry' THEN
      st_stage := 'child_protection'; st_s47 := true;
      st_sdd := coalesce(e.strategy_discussion_date, e.at); st_start := e.at;
    ELSIF e.type = 'no_further_action' THEN
      st_stage := 'family_help'; st_s47 := false; st_sdd := NULL; st_start := NULL;
      st_convened := false; st_conf := NULL; st_held := NULL;
    ELSIF e.type = 'convene_initial_cp_conference' THEN
      st_convened := true; st_conf := coalesce(e.conference_date, e.at);
    ELSIF e.type = 'start_child_protection_plan' AND e.category IS NOT NULL THEN
      FOREACH child IN ARRAY e.child_ids::text[] LOOP
        IF NOT st_plans ? child THEN
          st_plans := st_plans || jsonb_build_object(child, e.at);
        END IF;
      END LOOP;
      IF st_held IS NULL THEN
        st_held := coalesce(st_conf, e.at); st_conf := coalesce(st_conf, e.at);
        st_convened := true;
      END IF;
    ELSIF e.type = 'end_child_protection_plan' THEN
      st_plans := st_plans - e.child_ids::text[];
      IF st_plans = '{}'::jsonb AND st_stage = 'child_protection' THEN
        st_stage := 'family_help'; st_s47 := false; st_sdd := NULL; st_start := NULL;
        st_convened := false; st_conf := NULL; st_held := NULL;
      END IF;
    ELSIF e.type = 'initiate_pre_proceedings' THEN
      st_stage := 'pre_proceedings';
    ELSIF e.type = 'apply_for_care_proceedings' THEN
      st_stage := 'care_proceedings';
    END IF;

    -- the episodes (src/timescales/episodes.ts caseEpisodes)
    started := st_s47 AND (NOT prev_s47 OR st_start IS DISTINCT FROM prev_start);
    IF started THEN
      IF open_ep IS NOT NULL THEN
        ep_end[open_ep] := e.at;
        FOR j IN 1 .. coalesce(array_length(pp_ep, 1), 0) LOOP
          IF pp_ep[j] = open_ep AND pp_end[j] IS NULL THEN pp_end[j] := e.at; END IF;
        END LOOP;
      END IF;
      n_ep := n_ep + 1; open_ep := n_ep;
      ep_sdd[n_ep] := coalesce(st_sdd, e.at); ep_held[n_ep] := NULL; ep_end[n_ep] := NULL;
    END IF;
    IF open_ep IS NOT NULL THEN
      IF st_held IS NOT NULL THEN ep_held[open_ep] := st_held; END IF;
      FOR child IN SELECT jsonb_object_keys(st_plans) LOOP
        IF NOT prev_plans ? child OR prev_plans->>child IS DISTINCT FROM st_plans->>child THEN
          FOR j IN 1 .. coalesce(array_length(pp_ep, 1), 0) LOOP
            IF pp_ep[j] = open_ep AND pp_child[j] = child AND pp_end[j] IS NULL THEN
              pp_end[j] := e.at;
            END IF;
          END LOOP;
          pp_ep := pp_ep || open_ep; pp_child := pp_child || child;
          pp_start := pp_start || (st_plans->>child)::date; pp_end := pp_end || NULL::date;
        END IF;
      END LOOP;
      FOR child IN SELECT jsonb_object_keys(prev_plans) LOOP
        IF NOT st_plans ? child THEN
          FOR j IN 1 .. coalesce(array_length(pp_ep, 1), 0) LOOP
            IF pp_ep[j] = open_ep AND pp_child[j] = child AND pp_end[j] IS NULL THEN
              pp_end[j] := e.at;
            END IF;
          END LOOP;
        END IF;
      END LOOP;
      IF NOT st_s47 OR st_stage = 'closed' THEN
        ep_end[open_ep] := e.at;
        FOR j IN 1 .. coalesce(array_length(pp_ep, 1), 0) LOOP
          IF pp_ep[j] = open_ep AND pp_end[j] IS NULL THEN pp_end[j] := e.at; END IF;
        END LOOP;
        open_ep := NULL;
      END IF;
    END IF;
    prev_s47 := st_s47; prev_start := st_start; prev_plans := st_plans;
  END LOOP;
  IF n_ep = 0 THEN RETURN; END IF;

  SELECT la.core_group_interval_weeks, la.visit_interval_working_days INTO cg_weeks, visit_wd
    FROM case_record c JOIN local_authority la ON la.id = c.local_authority_id
   WHERE c.id = p_case;

  -- the items (src/timescales/timescale-rules.ts episodeItems)
  FOR j IN 1 .. n_ep LOOP
    SELECT min(m.held_on) INTO held FROM case_meeting m
     WHERE m.case_id = p_case AND m.kind = 'initial_cp_conference' AND m.held_on >= ep_sdd[j]
       AND (ep_end[j] IS NULL OR m.held_on <= ep_end[j]);
    held := coalesce(held, ep_held[j]);
    IF held IS NULL OR NOT (j = ANY (pp_ep)) THEN CONTINUE; END IF;
    -- plansEnd: the episode's end, else (no plan running) the last plan's end
    any_open := false; last_end := NULL;
    FOR e IN SELECT x.pe FROM unnest(pp_ep, pp_end) AS x(ep, pe) WHERE x.ep = j LOOP
      IF e.pe IS NULL THEN any_open := true; ELSE last_end := greatest(last_end, e.pe); END IF;
    END LOOP;
    p_until := CASE WHEN ep_end[j] IS NOT NULL THEN ep_end[j]
                  WHEN any_open THEN NULL ELSE last_end END;
    RETURN QUERY
      SELECT 'review_cp_conference', p_case::text || ':' || j || ':' || s.seq, s.due, s.met, p_until
        FROM indicator_series_chain(
               indicator_add_months(held, 3),
               ARRAY(SELECT DISTINCT m.held_on FROM case_meeting m
                      WHERE m.case_id = p_case AND m.kind = 'review_cp_conference'
                        AND m.held_on >= held AND (p_until IS NULL OR m.held_on <= p_until)
                      ORDER BY 1),
               'months6', 6, p_until) s;
    RETURN QUERY
      SELECT 'core_group', p_case::text || ':' || j || ':' || s.seq, s.due, s.met, p_until
        FROM indicator_series_chain(
               indicator_add_working_days(held, 10),
               ARRAY(SELECT DISTINCT m.held_on FROM case_meeting m
                      WHERE m.case_id = p_case AND m.kind = 'core_group'
                        AND m.held_on >= held AND (p_until IS NULL OR m.held_on <= p_until)
                      ORDER BY 1),
               'weeks', cg_weeks, p_until) s;
  END LOOP;
  FOR j IN 1 .. coalesce(array_length(pp_ep, 1), 0) LOOP
    -- visits: every plan period of an episode whose conference was held
    SELECT min(m.held_on) INTO held FROM case_meeting m
     WHERE m.case_id = p_case AND m.kind = 'initial_cp_conference'
       AND m.held_on >= ep_sdd[pp_ep[j]]
       AND (ep_end[pp_ep[j]] IS NULL OR m.held_on <= ep_end[pp_ep[j]]);
    IF coalesce(held, ep_held[pp_ep[j]]) IS NULL THEN CONTINUE; END IF;
    RETURN QUERY
      SELECT 'visit', p_case::text || ':' || pp_ep[j] || ':' || pp_child[j] || ':' || j || ':'
                      || s.seq, s.due, s.met, pp_end[j]
        FROM indicator_series_chain(
               indicator_add_working_days(pp_start[j], visit_wd),
               ARRAY(SELECT DISTINCT v.visited_on FROM case_visit v
                      WHERE v.case_id = p_case AND v.child_id::text = pp_child[j]
                        AND v.visited_on >= pp_start[j]
                        AND (pp_end[j] IS NULL OR v.visited_on <= pp_end[j])
                      ORDER BY 1),
               'wd', visit_wd, pp_end[j]) s;
  END LOOP;
END $$;`;

const INSERT_SERIES = (cases: string) => `
  INSERT INTO indicator_fact (indicator, item_id, case_id, local_authority_id, team_id, on_date,
                              met_on, met_known_on, ended_on)
  SELECT 'timescale_' || s.kind, s.item_id, c.id, c.local_authority_id, c.team_id, s.due,
         s.met, s.met, s.ended
    FROM case_record c CROSS JOIN LATERAL indicator_cp_series(c.id) s
   WHERE ${cases} AND s.due IS NOT NULL
  ON CONFLICT (indicator, item_id) DO UPDATE SET
    (case_id, local_authority_id, team_id, on_date, met_on, met_known_on, ended_on) =
    (EXCLUDED.case_id, EXCLUDED.local_authority_id, EXCLUDED.team_id, EXCLUDED.on_date,
     EXCLUDED.met_on, EXCLUDED.met_known_on, EXCLUDED.ended_on)`;

const MEETING_FNS = ['insert', 'update', 'delete'].map((op) => {
  const rows =
    op === 'insert'
      ? 'SELECT t.case_id FROM new_rows t'
      : op === 'delete'
        ? 'SELECT t.case_id FROM old_rows t'
        : 'SELECT t.case_id FROM new_rows t UNION SELECT t.case_id FROM old_rows t';
  return `CREATE OR REPLACE FUNCTION indicator_fact_case_meeting_${op}() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM indicator_fact_refresh(ARRAY(SELECT DISTINCT x FROM (${rows}) s(x)
                                            WHERE x IS NOT NULL));
      RETURN NULL;
    END $fn$`;
});

export class IndicatorCpSeries1796120000000 implements MigrationInterface {
  name = 'IndicatorCpSeries1796120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(WD);
    await queryRunner.query(CHAIN);
    await queryRunner.query(SERIES);
    await queryRunner.query(
      `ALTER FUNCTION indicator_fact_refresh(uuid[]) RENAME TO indicator_fact_refresh_base`,
    );
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_refresh(changed uuid[]) RETURNS void
         LANGUAGE plpgsql AS $fn$
       DECLARE ids uuid[];
       BEGIN
         IF changed IS NULL OR cardinality(changed) = 0 THEN RETURN; END IF;
         PERFORM indicator_fact_refresh_base(changed);
         -- the same cases the base refreshed (it deleted all their facts)
         SELECT array_agg(DISTINCT x) INTO ids FROM (
           SELECT unnest(changed) AS x
           UNION
           SELECT o.case_id FROM case_child k JOIN case_child o ON o.person_id = k.person_id
            WHERE k.case_id = ANY (changed)) s;
         ${INSERT_SERIES('c.id = ANY (ids)')};
       END $fn$`,
    );
    for (const sql of MEETING_FNS) await queryRunner.query(sql);
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_local_authority_update() RETURNS trigger
         LANGUAGE plpgsql AS $fn$
       BEGIN
         PERFORM indicator_fact_refresh(ARRAY(
           SELECT c.id FROM case_record c
             JOIN new_rows n ON n.id = c.local_authority_id
             JOIN old_rows o ON o.id = n.id
            WHERE (n.core_group_interval_weeks, n.visit_interval_working_days)
                  IS DISTINCT FROM (o.core_group_interval_weeks, o.visit_interval_working_days)));
         RETURN NULL;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_indicator_fact_local_authority_update" AFTER UPDATE ON "local_authority"
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_local_authority_update()`,
    );
    // Backfill: the cases that ever had a s47 enquiry.
    await queryRunner.query(
      INSERT_SERIES(`c.id IN (SELECT d.case_id FROM decision d
                               WHERE d.type = 'start_section_47_enquiry')`),
    );
    await queryRunner.query(`ANALYZE "indicator_fact"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "tr_indicator_fact_local_authority_update" ON "local_authority"`,
    );
    await queryRunner.query(`DROP FUNCTION indicator_fact_local_authority_update()`);
    await queryRunner.query(`DROP FUNCTION indicator_fact_refresh(uuid[])`);
    await queryRunner.query(
      `ALTER FUNCTION indicator_fact_refresh_base(uuid[]) RENAME TO indicator_fact_refresh`,
    );
    await queryRunner.query(
      `DELETE FROM indicator_fact WHERE indicator IN ('timescale_review_cp_conference',
         'timescale_core_group', 'timescale_visit')`,
    );
    // The meeting triggers keep refreshing on every kind (harmless).
    await queryRunner.query(`DROP FUNCTION indicator_cp_series(uuid)`);
    await queryRunner.query(`DROP FUNCTION indicator_series_chain(date, date[], text, int, date)`);
    await queryRunner.query(`DROP FUNCTION indicator_add_months(date, int)`);
    await queryRunner.query(`DROP FUNCTION indicator_working_on_or_before(date)`);
    await queryRunner.query(`DROP FUNCTION indicator_add_working_days(date, int)`);
  }
}
