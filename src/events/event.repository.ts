import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The body of an event, as delivered and as listed by the pull feed. */
export interface EventBody {
  id: string;
  type: string;
  occurredAt: string;
  localAuthorityId: string;
  data: Record<string, unknown>;
}

export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  attempts: number;
  url: string;
  secret: string;
  /** The former secret (sealed) within 24 h of a rotation, else null. */
  previousSecret: string | null;
  event: EventBody;
}

const RELAY_LOCK = 7_727_274; // pg_advisory_xact_lock key: one relay at a time across processes

const EVENT_JSON = `json_build_object('id', e.id, 'type', e.type,
  'occurredAt', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'localAuthorityId', e.local_authority_id, 'data', e.data)`;

/**
 * SQL: event `e` is about a case that is restricted now. Such events are withheld by the relay
 * (never positioned nor delivered), and the feed drops those of a case restricted since.
 */
const OF_RESTRICTED_CASE = `(e.data ? 'caseId' AND EXISTS (
  SELECT 1 FROM case_record rc
   WHERE rc.id = (e.data->>'caseId')::uuid AND rc.local_authority_id = e.local_authority_id
     AND rc.restricted))`;

/** SQL of the outbox relay, the pull feed and the delivery queue. */
@Injectable()
export class EventRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Gives committed, unpositioned events their feed positions, counted per LA, in the order
   * they became visible (commit order), withholds those of a restricted case (no position, no delivery), and queues
   * one delivery per matching subscription, in one transaction under an advisory lock (any
   * number of processes may call it). Returns how many were positioned or withheld.
   */
  async relay(batch = 500): Promise<number> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [RELAY_LOCK]);
      const rows: { n: number }[] = await m.query(
        `WITH pending AS (
           SELECT e.seq, e.local_authority_id, ${OF_RESTRICTED_CASE} AS hide
             FROM integration_event e
            WHERE e.position IS NULL AND NOT e.withheld ORDER BY e.seq LIMIT $1
         ), withheld AS (
           UPDATE integration_event e SET withheld = true
             FROM pending p WHERE e.seq = p.seq AND p.hide
           RETURNING 1
         ), batch AS (
           SELECT p.seq,
                  (SELECT coalesce(max(x.position), 0) FROM integration_event x
                    WHERE x.local_authority_id = p.local_authority_id)
                  + row_number() OVER (PARTITION BY p.local_authority_id ORDER BY p.seq) AS pos
             FROM pending p WHERE NOT p.hide
         ), positioned AS (
           UPDATE integration_event e SET position = b.pos FROM batch b WHERE e.seq = b.seq
           RETURNING e.id, e.local_authority_id, e.type, e.position
         ), queued AS (
           INSERT INTO webhook_delivery (subscription_id, event_id, local_authority_id, position)
           SELECT s.id, p.id, p.local_authority_id, p.position
             FROM positioned p
             JOIN webhook_subscription s
               ON s.local_authority_id = p.local_authority_id AND s.deleted_at IS NULL
              AND p.type = ANY (s.events)
           ON CONFLICT (subscription_id, event_id) DO NOTHING
           RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM positioned) + (SELECT count(*)::int FROM withheld) AS n,
                (SELECT count(*) FROM queued) AS q`,
        [batch],
      );
      return rows[0].n;
    });
  }

  /** The pull feed: this LA's positioned events after a position, in position order. */
  async feed(
    la: string,
    after: string,
    limit: number,
  ): Promise<(EventBody & { position: string })[]> {
    return this.ds
      .query(
        `SELECT ${EVENT_JSON} AS body, e.position::text AS position
         FROM integration_event e
        WHERE e.local_authority_id = $1 AND e.position > $2::bigint
          AND NOT ${OF_RESTRICTED_CASE}
        ORDER BY e.position LIMIT $3`,
        [la, after, limit],
      )
      .then((rows: { body: EventBody; position: string }[]) =>
        rows.map((r) => ({ ...r.body, position: r.position })),
      );
  }

  /**
   * Takes the due head delivery of each active subscription (deliveries to one endpoint go in
   * feed order, one at a time): `pending` and due, or `sending` whose lock expired (a crashed
   * dispatcher). The row's re-check under its lock makes concurrent dispatchers safe.
   */
  async claim(lockSeconds: number, limit: number): Promise<ClaimedDelivery[]> {
    return this.ds.query(
      `WITH heads AS (
         SELECT DISTINCT ON (d.subscription_id) d.id
           FROM webhook_delivery d
           JOIN webhook_subscription s ON s.id = d.subscription_id
          WHERE d.status IN ('pending', 'sending') AND s.active AND s.deleted_at IS NULL
          ORDER BY d.subscription_id, d.position
       ), claimed AS (
         UPDATE webhook_delivery d
            SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
                locked_until = now() + make_interval(secs => $1)
           FROM heads h
          WHERE d.id = h.id
            AND ((d.status = 'pending' AND d.next_attempt_at <= now())
              OR (d.status = 'sending' AND d.locked_until < now()))
         RETURNING d.id, d.subscription_id, d.event_id, d.attempts
       )
       SELECT c.id, c.subscription_id AS "subscriptionId", c.attempts, s.url, s.secret,
              CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END
                AS "previousSecret",
              ${EVENT_JSON} AS event
         FROM claimed c
         JOIN webhook_subscription s ON s.id = c.subscription_id
         JOIN integration_event e ON e.id = c.event_id
        LIMIT $2`,
      [lockSeconds, limit],
    );
  }

  /** Records an attempt's outcome, unless another dispatcher took the delivery over since. */
  async complete(
    d: ClaimedDelivery,
    outcome: { ok: boolean; statusCode: number | null; error: string | null; durationMs: number },
    retryInMs: number,
    disableAfter: number,
    /** Disable the subscription now, for this reason (a 410 Gone). */
    disableNow: string | null = null,
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      const updated: unknown[] = await m.query(
        `UPDATE webhook_delivery
            SET status = CASE WHEN $2::boolean THEN 'delivered' ELSE 'pending' END,
                delivered_at = CASE WHEN $2::boolean THEN now() ELSE NULL END,
                next_attempt_at = now() + make_interval(secs => $3::double precision / 1000),
                locked_until = NULL, last_status_code = $4, last_error = $5
          WHERE id = $1 AND status = 'sending' AND attempts = $6
          RETURNING id`,
        [d.id, outcome.ok, retryInMs, outcome.statusCode, outcome.error, d.attempts],
      );
      if (!updated.length) return;
      await m.query(
        `INSERT INTO webhook_delivery_attempt (delivery_id, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4)`,
        [d.id, outcome.statusCode, outcome.error, outcome.durationMs],
      );
      if (disableNow) {
        await m.query(
          `UPDATE webhook_subscription
              SET consecutive_failures = consecutive_failures + 1, active = false,
                  disabled_reason = $2, version = version + CASE WHEN active THEN 1 ELSE 0 END
            WHERE id = $1`,
          [d.subscriptionId, disableNow],
        );
        return;
      }
      await m.query(
        outcome.ok
          ? `UPDATE webhook_subscription SET consecutive_failures = 0 WHERE id = $1`
          : `UPDATE webhook_subscription
                SET consecutive_failures = consecutive_failures + 1,
                    active = CASE WHEN consecutive_failures + 1 >= $2::int THEN false ELSE active END,
                    disabled_reason = CASE WHEN consecutive_failures + 1 >= $2::int
                      THEN 'disabled after ' || $2::int::text || ' failed deliveries in a row'
                      ELSE disabled_reason END,
                    version = version + CASE WHEN consecutive_failures + 1 >= $2::int THEN 1 ELSE 0 END
              WHERE id = $1`,
        outcome.ok ? [d.subscriptionId] : [d.subscriptionId, disableAfter],
      );
    });
  }
}
