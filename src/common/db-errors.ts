/** The Postgres error code of a driver or TypeORM error, if any. */
export function dbErrorCode(exception: unknown): unknown {
  const e = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.driverError?.code ?? e?.code;
}

/**
 * The database is down, restarting or unreachable (connection refused or dropped, shutting
 * down, too slow): the server's fault, answered 503, never mistaken for a client's (401, 404).
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  const code = dbErrorCode(exception);
  if (typeof code === 'string' && /^(57P0[1-3]|08\d\d\d|53300)$/.test(code)) return true;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  // TypeORM releases a transaction's connection when the server drops it; its next query (or
  // its rollback) then fails with one of these instead of the connection's own error.
  const name = (exception as { name?: unknown } | null)?.name;
  if (
    name === 'QueryRunnerProviderAlreadyReleasedError' ||
    name === 'QueryRunnerAlreadyReleasedError'
  )
    return true;
  const message = (exception as { message?: unknown } | null)?.message;
  return (
    typeof message === 'string' &&
    /(Connection terminated|ECONNREFUSED|ECONNRESET|not queryable|Client was closed|timeout exceeded when trying to connect|Cannot use a pool after calling end|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command)/.test(
      message,
    )
  );
}
