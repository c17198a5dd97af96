import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const names = new Map<string, string>();

/** A stable statement name per SQL text (the hot paths render a handful of texts). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tq_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A query on a hot path as a NAMED prepared statement: each pooled connection parses and
 * analyses the text once and Postgres may keep a generic plan, so the repeated reads skip the
 * parse and planning that a big statement otherwise pays on every call (measured: 0.65 ms of
 * planning for 0.35 ms of execution on the case read). Outside a transaction it runs straight on
 * TypeORM's pg pool; inside one (`m.queryRunner` set: a service transaction or the scenario
 * loader's ambient one) it runs on that transaction's connection as a plain query, so it sees
 * and joins the transaction's writes.
 */
export async function preparedQuery<T>(
  m: EntityManager,
  text: string,
  params: unknown[],
): Promise<T[]> {
  if (m.queryRunner) return m.query(text, params) as Promise<T[]>;
  const pool = (m.connection.driver as PostgresDriver).master as Pool;
  // What `pool.query` does, with `on` and removal where it adds a `once('error')` listener to the
  // pooled client: with `once`, each read's rows and closures outlived a young-generation
  // collection and were copied to the old generation (docs/bench.md, sixth stop). As with
  // `pool.query`, a failed statement or a broken connection releases the client with the error
  // (the pool discards it), and an 'error' event while checked out cannot crash the process.
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (err: Error) => (failure ??= err);
  client.on('error', onError);
  try {
    const result = await client.query({ name: statementName(text), text, values: params });
    return result.rows as T[];
  } catch (err) {
    failure ??= err as Error;
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(failure);
  }
}
