// Jest global setup: provision the real Postgres the suite runs against (never a mock).
// DATABASE_URL set → a fresh template database on that server; unset → an ephemeral embedded
// Postgres. Either way migrations run once, into a template that each worker clones.
const { spawn } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.join(__dirname, '..');
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'src/bin/test-database.ts',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const info = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) =>
      reject(new Error(`test database failed (exit ${code}):\n${stderr}`)),
    );
  });
  child.removeAllListeners('exit');
  process.env.TANDEM_TEST_ADMIN_URL = info.adminUrl;
  process.env.TANDEM_TEST_TEMPLATE_DB = info.templateDb;
  globalThis.__TANDEM_TEST_DB__ = { child: info.embedded ? child : null, info };
  if (!info.embedded) child.disconnect?.();
};
