/**
 * `npm run scenario -- list | load <name> [--la-code X] | runs | delete <runId>`: the CLI's
 * logic over a running Nest application context (the e2e tests call this same function).
 * Prints progress while loading and, at the end, the logins created with their generated
 * passwords (shown once; only hashes are stored).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DomainError } from 'src/common/domain-error';
import { describeError } from './scenario-loader.service';
import { TrainingService } from './training.service';
import { SANDBOX_CODE, SANDBOX_CODE_RULE } from 'src/common/sandbox-code';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `usage: npm run scenario -- list
       npm run scenario -- load <name> [--la-code CODE]
       npm run scenario -- runs
       npm run scenario -- delete <runId>`;

export async function runScenarioCli(
  app: INestApplicationContext,
  argv: string[],
  io: CliIo,
  opts: { dir?: string } = {},
): Promise<number> {
  const training = app.get(TrainingService);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'list': {
        const { data, invalid } = training.scenarios(opts.dir);
        for (const s of data) {
          io.out(`${s.name}  (${s.events} events)`);
          io.out(`  ${s.title}`);
          for (const l of s.brief.logins) io.out(`  - log in as ${l.user}: ${l.as}`);
        }
        for (const s of invalid) {
          io.err(`${s.name}: INVALID, cannot be loaded`);
          for (const p of s.problems)
            io.err(`  ${s.file}${p.line ? `:${p.line}` : ''} ${p.path || '(file)'}: ${p.message}`);
        }
        return invalid.length ? 1 : 0;
      }
      case 'load': {
        const name = rest.find((a, i) => !a.startsWith('--') && rest[i - 1] !== '--la-code');
        const codeAt = rest.indexOf('--la-code');
        const laCode = codeAt >= 0 ? rest[codeAt + 1] : undefined;
        if (!name || (codeAt >= 0 && !laCode)) return usage(io);
        if (laCode !== undefined && !SANDBOX_CODE.test(laCode)) {
          io.err(`--la-code ${SANDBOX_CODE_RULE}`);
          return 2;
        }
        io.out(`Loading scenario ${name} into a new sandbox local authority...`);
        const run = await training.createRun(null, name, {
          laCode,
          dir: opts.dir,
          onProgress: (done, total, label) =>
            io.out(`  [${String(done).padStart(String(total).length)}/${total}] ${label}`),
        });
        io.out('');
        io.out(`Loaded ${run.scenario} as run ${run.runId}`);
        io.out(`Sandbox local authority ${run.code} (${run.localAuthorityId})`);
        io.out('Logins (passwords are shown once and not stored):');
        const width = Math.max(...run.users.map((u) => u.email.length));
        for (const u of run.users)
          io.out(`  ${u.email.padEnd(width)}  ${u.password}  ${u.roles.join(', ')}  (${u.name})`);
        io.out(`Delete it with: npm run scenario -- delete ${run.runId}`);
        return 0;
      }
      case 'runs': {
        const page = await training.listRuns(null, { limit: 200 });
        for (const r of page.data) io.out(`${r.runId}  ${r.code}  ${r.scenario}  ${r.createdAt}`);
        if (!page.data.length) io.out('No runs loaded from the CLI.');
        return 0;
      }
      case 'delete': {
        const runId = rest[0];
        if (!runId || !/^[0-9a-f-]{36}$/i.test(runId)) return usage(io);
        const { rows } = await training.deleteRun(null, runId.toLowerCase());
        const total = Object.values(rows).reduce((a, b) => a + b, 0);
        io.out(`Deleted run ${runId}: ${total} rows removed`);
        for (const [table, n] of Object.entries(rows).sort()) io.out(`  ${table}: ${n}`);
        return 0;
      }
      default:
        return usage(io);
    }
  } catch (err) {
    const detail = err instanceof DomainError ? err.message : describeError(err);
    io.err(`scenario ${command}: failed`);
    for (const line of detail.split('\n')) io.err(`  ${line}`);
    return 1;
  }
}

function usage(io: CliIo): number {
  io.err(USAGE);
  return 2;
}
