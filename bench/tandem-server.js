// The Tandem process under load: the compiled build (as `npm start` runs it, no ts-node),
// started by bench/run.ts with its environment. Prints { port }; stops on the 'stop' message.
const path = require('node:path');
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: { 'src/*': ['src/*'] },
});
const { bootstrap } = require('../dist/src/bootstrap');
const { loadConfig } = require('../dist/src/config/config');

bootstrap(loadConfig(process.env))
  .then((running) => {
    const { port } = running.app.getHttpServer().address();
    process.stdout.write(JSON.stringify({ port }) + '\n');
    process.on('message', (m) => {
      if (m === 'stop') running.stop().then(() => process.exit(0));
    });
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
