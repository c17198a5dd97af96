// Stops the embedded Postgres (its data directory is removed), or drops the databases this run
// created on the DATABASE_URL server.
const { Client } = require('pg');

module.exports = async function globalTeardown() {
  const state = globalThis.__TANDEM_TEST_DB__;
  if (!state) return;
  if (state.child) {
    await new Promise((resolve) => {
      state.child.once('exit', resolve);
      state.child.kill('SIGTERM');
      setTimeout(resolve, 15000).unref();
    });
    return;
  }
  const c = new Client({ connectionString: state.info.adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${state.info.templateDb}%`,
    ]);
    for (const { datname } of rows)
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
};
