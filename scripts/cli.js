// The compiled command-line tools, where there is no ts-node (the Docker image):
//   node scripts/cli.js scenario list | load <name> [--la-code X] | runs | delete <runId>
//   node scripts/cli.js seed-bulk --families N [--la CODE] …
// Same tools and arguments as `npm run scenario` / `npm run seed:bulk`, from dist/ (`npm run build`).
const path = require('node:path');
const { existsSync } = require('node:fs');

const TOOLS = { scenario: 'scenario', 'seed-bulk': 'seed-bulk', 'seed:bulk': 'seed-bulk' };
const tool = TOOLS[process.argv[2]];
if (!tool) {
  process.stderr.write('usage: node scripts/cli.js scenario|seed-bulk <arguments>\n');
  process.exit(2);
}
const file = path.join(__dirname, '..', 'dist', 'src', 'bin', `${tool}.js`);
if (!existsSync(file)) {
  process.stderr.write(`${file} is missing: run npm run build first\n`);
  process.exit(2);
}
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: { 'src/*': ['src/*'] },
});
// The tools read their own arguments from process.argv.slice(2).
process.argv.splice(2, 1);
require(file);
