import { readFileSync } from 'node:fs';

/** Small, Linux-aware facts about other processes (pid files name them; pids get reused). */

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Kernel start time of a process (clock ticks since boot), or null where /proc is missing. */
export function processStartTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** Parent pid, or null where /proc is missing. */
export function parentPid(pid: number): number | null {
  const f = statFields(pid);
  return f ? Number(f[1]) : null;
}

/** The executable's short name (`postgres`, `node`), or null where /proc is missing. */
export function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The same process as the one recorded earlier (alive, and not a reused pid). */
export function sameProcessAlive(pid: number, startTime: string | null | undefined): boolean {
  if (!processAlive(pid) || statFields(pid)?.[0] === 'Z') return false;
  if (!startTime) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (processAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return !processAlive(pid);
}
