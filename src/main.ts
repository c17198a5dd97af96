import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await bootstrap(config);
  // Ctrl-C / SIGTERM: Nest's shutdown hooks close the app, its pool and the embedded Postgres.
  console.warn(`Tandem listening on ${running.url} (API under /api/v1, docs at /docs)`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
