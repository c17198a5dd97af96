import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config/load-config';
import { DataDirBusyError } from './database/data-dir-lock';
import { startupProgress } from './logging/logging';

function friendlyUrl(url: string, port: number): string {
  const u = new URL(url);
  if (['0.0.0.0', '[::]', '[::1]', '127.0.0.1'].includes(u.hostname)) u.hostname = 'localhost';
  u.port = String(port);
  return u.toString().replace(/\/$/, '');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const progress = startupProgress(config);
  const running = await bootstrap(config, { progress });
  const url = friendlyUrl(running.url, Number(new URL(running.url).port));
  progress(`listening on ${url} (API under ${url}/api/v1, documentation at ${url}/docs)`);
  // SIGTERM / Ctrl-C: stop accepting, finish the requests in progress, then close the pool and
  // the embedded Postgres. A second signal stops at once.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      progress(`${signal} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    progress(`${signal}: finishing requests in progress, then stopping`);
    running.shutdown().then(
      ({ drained }) => {
        progress(drained ? 'stopped' : 'stopped (some requests did not finish in time)');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError || err instanceof DataDirBusyError ? `tandem: ${err.message}` : err,
  );
  process.exit(1);
});
