// `npm run build`: compile src/, migrations/ and seeds/ into dist/ (tsc, incremental: its state is
// dist/.tsbuildinfo), remove compiled files whose source is gone (a renamed migration must not
// run twice), and stamp dist/ with the hash of the sources it was built from.
// `npm start` runs `node scripts/build.js --if-changed` first: when dist/'s stamp matches the
// sources, nothing is compiled (a start on an unchanged checkout goes straight to the service).
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
/** What the build reads: tsconfig.build.json's inputs, the compiler settings and dependencies. */
const SOURCE_DIRS = ['src', 'migrations', 'seeds'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const STAMP = '.source-hash';

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** sha256 over the names and contents of every source file (sorted, so order-independent). */
function sourceHash(root = ROOT) {
  const files = SOURCE_DIRS.flatMap((d) => walk(path.join(root, d), []))
    .concat(SOURCE_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)))
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(fs.readFileSync(path.join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

function builtHash(root = ROOT) {
  try {
    return fs.readFileSync(path.join(root, 'dist', STAMP), 'utf8').trim();
  } catch {
    return null;
  }
}

/** Whether dist/ is missing or was built from other sources than the checkout's. */
function needsBuild(root = ROOT) {
  return (
    !fs.existsSync(path.join(root, 'dist', 'src', 'main.js')) ||
    builtHash(root) !== sourceHash(root)
  );
}

/** Compiled files (.js, .js.map) under dist/{src,migrations,seeds} whose .ts source is gone. */
function orphans(root = ROOT) {
  return SOURCE_DIRS.flatMap((d) =>
    walkAll(path.join(root, 'dist', d)).filter((f) => {
      const rel = path.relative(path.join(root, 'dist'), f);
      const source = rel.replace(/\.js(\.map)?$/, '.ts');
      return source !== rel && !fs.existsSync(path.join(root, source));
    }),
  );
}

function walkAll(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? walkAll(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

function build(root = ROOT) {
  const hash = sourceHash(root); // before compiling: an edit during the build means a rebuild next time
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const r = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) return r.status ?? 1;
  for (const f of orphans(root)) fs.rmSync(f);
  fs.writeFileSync(path.join(root, 'dist', STAMP), `${hash}\n`);
  return 0;
}

if (require.main === module) {
  const ifChanged = process.argv.includes('--if-changed');
  if (ifChanged && !needsBuild()) {
    process.stdout.write('tandem: dist/ is up to date with the sources (no build needed)\n');
    process.exit(0);
  }
  if (ifChanged) process.stdout.write('tandem: sources changed since the last build: compiling\n');
  process.exit(build());
}

module.exports = { sourceHash, builtHash, needsBuild, orphans, build };
