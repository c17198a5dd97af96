import 'reflect-metadata';
import { runMigrations } from '../database/migrate';

/** `DATABASE_URL=... ts-node src/bin/migrate.ts` — used by the test global setup. */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const names = await runMigrations(url);
  console.log(`migrations applied: ${names.length}`);
}
main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
