// The Tandem process under load: the compiled build (as `npm start` runs it, no ts-node),
// started by bench/run.ts with its environment. Prints { port }; stops on the 'stop' message.
// BENCH_FROM_SOURCE=1 runs the TypeScript sources under ts-node instead (the smoke test in
// `npm test`, which proves the script runs without a build; its figures are not representative).
const path = require('node:path');
const fromSource = process.env.BENCH_FROM_SOURCE === '1';
if (fromSource) {
  require('ts-node').register({
    transpileOnly: true,
    project: path.join(__dirname, '..', 'tsconfig.json'),
  });
}
// BENCH_DIST: another compiled build to run instead of dist/ (bench:ab's A side, a copy of an
// earlier build kept inside the checkout so that it resolves the same node_modules).
const dist = process.env.BENCH_DIST || path.join(__dirname, '..', 'dist');
require('tsconfig-paths').register({
  baseUrl: fromSource ? path.join(__dirname, '..') : dist,
  paths: { 'src/*': ['src/*'] },
});
const root = fromSource ? '../src' : path.join(dist, 'src');
if (process.env.BENCH_CAPTURE === '1') {
  // Statement capture for the same-work limits (bench/capture.js); never in a measured process.
  require('./capture')(require(`${root}/common/request-context`).currentContext);
}
const { bootstrap } = require(`${root}/bootstrap`);
const { loadConfig } = require(`${root}/config/load-config`);

bootstrap(loadConfig(process.env))
  .then((running) => {
    const { port } = running.app.getHttpServer().address();
    process.stdout.write(JSON.stringify({ port }) + '\n');
    process.on('message', (m) => {
      if (m === 'stop') running.stop().then(() => process.exit(0));
      // Where the resident memory is: V8's heap spaces (committed and used), external memory.
      if (m === 'memory' || m === 'memory-after-gc') {
        if (m === 'memory-after-gc' && global.gc) global.gc();
        const mib = (n) => Math.round(n / 1048576);
        const spaces = require('node:v8')
          .getHeapSpaceStatistics()
          .filter((s) => s.space_size > 0)
          .map((s) => `${s.space_name} ${mib(s.space_size)}/${mib(s.space_used_size)}`);
        const u = process.memoryUsage();
        process.send({
          rss: mib(u.rss),
          heapTotal: mib(u.heapTotal),
          heapUsed: mib(u.heapUsed),
          external: mib(u.external),
          spaces: spaces.join(', '),
        });
      }
    });
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
