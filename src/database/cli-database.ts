import type { AppConfig } from '../config/config';
import { currentOwner, type LockOwner } from './data-dir-lock';
import { embeddedPostgresUrl } from './embedded-postgres';

/**
 * The configuration a command-line tool (`npm run scenario`, `npm run seed:bulk`) starts with.
 * With DATABASE_URL it is used as given. Without it, when a Tandem server already owns the data
 * directory, the tool works through that server's embedded Postgres (as `npm run backup` does)
 * instead of refusing: `npm run scenario -- list` and `load` work while the service runs.
 * A tool never runs the event dispatcher (the service's does).
 */
export function cliConfig(config: AppConfig): { config: AppConfig; server: LockOwner | null } {
  const own = Object.assign(Object.create(Object.getPrototypeOf(config) as object) as AppConfig, {
    ...config,
    EVENTS_DISPATCHER: 'off' as const,
  });
  if (own.DATABASE_URL) return { config: own, server: null };
  const owner = currentOwner(own.TANDEM_DATA_DIR);
  if (!owner?.pgPort) return { config: own, server: null };
  own.DATABASE_URL = embeddedPostgresUrl(owner.pgPort);
  return { config: own, server: owner };
}
