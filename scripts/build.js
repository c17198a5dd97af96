// `npm run build`: type-check (tsc --noEmit) then emit src/, migrations/ and seeds/ into dist/.
// `npm start` runs `node scripts/build.js --if-changed` first: when dist/'s stamp matches the
// sources, nothing is compiled (a start on an unchanged checkout goes straight to the service);
// otherwise only the files whose text changed are emitted again, without the type check
// (`npm run lint` and CI type-check every commit).
//
// The emitter is TypeScript's per-file transpiler (`ts.transpileModule`, the project sets
// `isolatedModules`): the same one ts-jest uses for the whole test suite, so the service runs
// exactly the JavaScript the tests prove (decorator metadata included), and a fresh clone's first
// start emits ~600 files in seconds instead of a whole-program `tsc`. Compiled files whose source
// is gone (a renamed migration must not run twice) are removed; dist/ is stamped with the hash of
// the sources it was built from, and dist/.emitted.json keeps each file's source hash.
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

const MANIFEST = '.emitted.json';

function readManifest(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'dist', MANIFEST), 'utf8'));
  } catch {
    return { settings: null, files: {} };
  }
}

/** The compiler settings and file list of tsconfig.build.json, as tsc reads them. */
function buildConfig(root, ts) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.build.json'),
    {},
    host,
  );
  if (!parsed || parsed.errors.length) {
    const why = (parsed?.errors ?? []).map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    );
    throw new Error(`tsconfig.build.json: ${why.join('; ') || 'unreadable'}`);
  }
  return parsed;
}

/**
 * Emits every source whose text (or the compiler settings) changed since the last emit into
 * dist/, as `tsc` lays it out (rootDir `.`: dist/src/…, dist/migrations/…), with source maps.
 * Returns how many files were emitted. Syntax errors fail the build.
 */
function emit(root = ROOT) {
  const ts = require(require.resolve('typescript', { paths: [root, ROOT] }));
  const config = buildConfig(root, ts);
  const options = { ...config.options, noEmit: false, incremental: false, declaration: false };
  const settings = createHash('sha256').update(JSON.stringify(options)).digest('hex');
  const before = readManifest(root);
  const reuse = before.settings === settings;
  const files = {};
  let emitted = 0;
  const failures = [];
  for (const file of config.fileNames) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    const hash = createHash('sha256').update(text).digest('hex');
    const out = path.join(root, 'dist', rel.replace(/\.ts$/, '.js'));
    files[rel] = hash;
    if (reuse && before.files[rel] === hash && fs.existsSync(out)) continue;
    const result = ts.transpileModule(text, {
      compilerOptions: options,
      fileName: file,
      reportDiagnostics: true,
    });
    const errors = (result.diagnostics ?? []).filter(
      (d) => d.category === ts.DiagnosticCategory.Error,
    );
    if (errors.length) {
      for (const d of errors)
        failures.push(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      continue;
    }
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const js = result.outputText;
    if (result.sourceMapText) {
      const map = JSON.parse(result.sourceMapText);
      map.file = path.basename(out);
      map.sources = [path.relative(path.dirname(out), file).split(path.sep).join('/')];
      fs.writeFileSync(`${out}.map`, JSON.stringify(map));
    }
    fs.writeFileSync(out, js);
    emitted += 1;
  }
  if (failures.length) {
    process.stderr.write(`${failures.join('\n')}\n`);
    return { status: 1, emitted };
  }
  fs.writeFileSync(path.join(root, 'dist', MANIFEST), JSON.stringify({ settings, files }));
  return { status: 0, emitted };
}

/** The whole program type-checked as `tsc` does, emitting nothing (`npm run build` only). */
function typeCheck(root = ROOT) {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noEmit'], {
    cwd: root,
    stdio: 'inherit',
  });
  return r.status ?? 1;
}

function build(root = ROOT, { check = true } = {}) {
  const hash = sourceHash(root); // before compiling: an edit during the build means a rebuild next time
  if (check) {
    const status = typeCheck(root);
    if (status !== 0) return status;
  }
  const t0 = Date.now();
  const { status, emitted } = emit(root);
  if (status !== 0) return status;
  for (const f of orphans(root)) fs.rmSync(f);
  fs.rmSync(path.join(root, 'dist', '.tsbuildinfo'), { force: true }); // the old tsc emitter's state
  fs.writeFileSync(path.join(root, 'dist', STAMP), `${hash}\n`);
  process.stdout.write(`tandem: emitted ${emitted} file(s) into dist/ in ${Date.now() - t0} ms\n`);
  return 0;
}

if (require.main === module) {
  const ifChanged = process.argv.includes('--if-changed');
  if (ifChanged && !needsBuild()) {
    process.stdout.write('tandem: dist/ is up to date with the sources (no build needed)\n');
    process.exit(0);
  }
  if (ifChanged) process.stdout.write('tandem: sources changed since the last build: compiling\n');
  process.exit(build(ROOT, { check: !ifChanged }));
}

module.exports = { sourceHash, builtHash, needsBuild, orphans, build, emit };
