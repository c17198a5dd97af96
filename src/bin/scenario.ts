/** `npm run scenario -- list | load <name> [--la-code X] | runs | delete <runId>` */
import { bootstrap } from 'src/bootstrap';
import { loadConfig } from 'src/config/load-config';
import { runScenarioCli } from 'src/training/scenario-cli';

async function main(): Promise<number> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const running = await bootstrap(config, { listen: false });
  try {
    return await runScenarioCli(running.app, process.argv.slice(2), {
      out: (l) => process.stdout.write(`${l}\n`),
      err: (l) => process.stderr.write(`${l}\n`),
    });
  } finally {
    await running.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`scenario: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
