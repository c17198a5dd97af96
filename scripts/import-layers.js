/**
 * `npm run lint:layers`: the floors of docs/architecture.md ("Floors"), enforced. Runs
 * dependency-cruiser with `.dependency-cruiser.cjs` (an import from a lower floor to a higher
 * one, or an import cycle, is an error) and then checks that no two folders of `src/` import
 * each other, directly or round a longer loop (a folder cycle). Exits 1 on any finding.
 *
 * Usage: node scripts/import-layers.js [dir]   (dir: the project root; default: this one)
 */
const { execFileSync } = require('node:child_process');
const { join, resolve } = require('node:path');

const root = resolve(process.argv[2] ?? join(__dirname, '..'));
const bin = join(__dirname, '..', 'node_modules', '.bin', 'depcruise');
const config = join(__dirname, '..', '.dependency-cruiser.cjs');

let out;
try {
  out = execFileSync(bin, ['src', '--config', config, '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
} catch (err) {
  out = err.stdout;
  if (!out) throw err;
}
const result = JSON.parse(out);
const problems = result.summary.violations.map(
  (v) =>
    `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`,
);

/** The folder of a module under src/ (top-level files are their own room). */
const folder = (p) => {
  const parts = p.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : p;
};
const edges = new Map();
for (const m of result.modules) {
  if (!m.source.startsWith('src/')) continue;
  for (const d of m.dependencies) {
    if (!d.resolved.startsWith('src/')) continue;
    const a = folder(m.source);
    const b = folder(d.resolved);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    if (!edges.get(a).has(b)) edges.get(a).set(b, `${m.source} → ${d.resolved}`);
  }
}
// Tarjan's strongly connected components over folders: any with two or more is a folder cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
const sccs = [];
function visit(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const scc = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) sccs.push(scc);
  }
}
for (const v of edges.keys()) if (!idx.has(v)) visit(v);
for (const scc of sccs) {
  const ties = scc.flatMap((a) =>
    [...(edges.get(a) ?? new Map())].filter(([b]) => scc.includes(b)).map(([, why]) => why),
  );
  problems.push(`folder cycle: ${scc.sort().join(', ')} (${ties.join('; ')})`);
}

if (problems.length) {
  console.error(`import layers: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
process.stdout.write(
  `import layers: ${result.summary.totalCruised} modules, no upward import, no cycle\n`,
);
