/**
 * Write load for the fault tests: concurrent `POST /cases/:id/notes` (each a note, its timeline
 * event and its audit row in one transaction), bounded in count and time, recording what the
 * server acknowledged; and the checks that every acknowledged write is stored whole.
 */
import { Client } from 'pg';
import { newCase } from './case.factories';
import type { TestApp } from './create-app';
import { newLa, newTeam, newUser, World } from './factories';

export interface WriteOutcome {
  status: number; // 0: no HTTP answer (connection refused or reset)
  id?: string;
  /** The problem's code of a refusal, for failure messages. */
  code?: string;
}

export interface Load {
  results: WriteOutcome[];
  acked(): number;
  /** Stops the workers and resolves once every request in flight has its outcome. */
  stop(): Promise<WriteOutcome[]>;
  /** Resolves once `maxRequests` have their outcome. */
  finished(): Promise<WriteOutcome[]>;
}

export function startNoteLoad(opts: {
  url: string;
  token: string;
  caseId: string;
  workers?: number;
  maxRequests?: number;
}): Load {
  const results: WriteOutcome[] = [];
  let stopping = false;
  let sent = 0;
  const max = opts.maxRequests ?? 3000;
  const worker = async (w: number) => {
    while (!stopping && sent < max) {
      const n = sent++;
      try {
        const res = await fetch(`${opts.url}/api/v1/cases/${opts.caseId}/notes`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ body: `load note ${w}-${n}` }),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        results.push({
          status: res.status,
          id: res.status === 201 ? (JSON.parse(text) as { id: string }).id : undefined,
          code: res.status === 201 ? undefined : text.slice(0, 300),
        });
      } catch {
        results.push({ status: 0 });
        await new Promise((r) => setTimeout(r, 50)); // the server is down: do not spin
      }
    }
  };
  const done = Promise.all(Array.from({ length: opts.workers ?? 4 }, (_, w) => worker(w)));
  return {
    results,
    acked: () => results.filter((r) => r.status === 201).length,
    stop: async () => {
      stopping = true;
      await done;
      return results;
    },
    finished: async () => {
      await done;
      return results;
    },
  };
}

/** Polls `cond` every 100 ms up to `timeoutMs`; throws with `what` when it never holds. */
export async function eventually(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/**
 * Every acknowledged note is in the database, and no note exists without its timeline event and
 * its audit row (nor an event or audit row of a note that is missing): nothing half-written.
 */
export async function checkWritesWhole(
  databaseUrl: string,
  outcomes: WriteOutcome[],
): Promise<{ acked: number; stored: number; halfWritten: string[]; orphans: string[] }> {
  const ids = outcomes.filter((o) => o.status === 201).map((o) => o.id as string);
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const stored = await c.query(`SELECT count(*)::int AS n FROM case_note WHERE id = ANY($1)`, [
      ids,
    ]);
    const half = await c.query(
      `SELECT n.id FROM case_note n
        WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.record_id = n.id AND e.type = 'note_added')
           OR NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.record_id = n.id AND a.action = 'case.note_add')`,
    );
    const orphans = await c.query(
      `SELECT record_id AS id FROM case_event WHERE type = 'note_added'
          AND NOT EXISTS (SELECT 1 FROM case_note n WHERE n.id = record_id)
       UNION ALL
       SELECT record_id FROM audit_event WHERE action = 'case.note_add'
          AND NOT EXISTS (SELECT 1 FROM case_note n WHERE n.id = record_id)`,
    );
    return {
      acked: ids.length,
      stored: stored.rows[0].n as number,
      halfWritten: half.rows.map((r: { id: string }) => r.id),
      orphans: orphans.rows.map((r: { id: string }) => r.id),
    };
  } finally {
    await c.end();
  }
}

/**
 * The least the note load needs (an LA, its admin, a practitioner in a Family Help team and an
 * open case they lead): two users instead of newWorld's nine, to keep process tests short.
 */
export async function caseForLoad(t: TestApp): Promise<{ token: string; caseId: string }> {
  const la = await newLa(t);
  const [laAdmin, practitioner] = await Promise.all([
    newUser(t, la.id, ['la_admin']),
    newUser(t, la.id, ['family_help_practitioner']),
  ]);
  const fhTeam = await newTeam(t, laAdmin, 'family_help', [{ user: practitioner }]);
  const c = await newCase(t, { practitioner, fhTeam } as unknown as World);
  return { token: practitioner.token, caseId: c.id };
}
