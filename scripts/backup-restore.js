// `npm run backup -- <file>` / `npm run restore -- <file>`: from the TypeScript sources where
// ts-node is installed (development, CI), else from the build (a production image has no
// devDependencies). Same code either way: src/bin/backup-restore.ts.
const path = require('node:path');
const root = path.join(__dirname, '..');
let fromSource = true;
try {
  require.resolve('ts-node/register/transpile-only');
} catch {
  fromSource = false;
}
if (fromSource) {
  process.env.TS_NODE_PROJECT ??= path.join(root, 'tsconfig.json');
  require('ts-node/register/transpile-only');
  require('tsconfig-paths').register({ baseUrl: root, paths: { 'src/*': ['src/*'] } });
  require(path.join(root, 'src', 'bin', 'backup-restore.ts'));
} else {
  require('tsconfig-paths').register({
    baseUrl: path.join(root, 'dist'),
    paths: { 'src/*': ['src/*'] },
  });
  require(path.join(root, 'dist', 'src', 'bin', 'backup-restore.js'));
}
