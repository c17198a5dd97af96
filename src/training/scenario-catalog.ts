import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { notFound } from 'src/common/domain-error';
import type { IsoDate } from 'src/common/working-days';
import { ParsedScenario, readScenarioFile } from './scenario-parser';

/** The project root (the folder holding package.json), from src/ or dist/src/. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** `seeds/scenarios/` (or TANDEM_SCENARIOS_DIR): one `<name>.yaml` per scenario. */
export function scenariosDir(): string {
  return process.env.TANDEM_SCENARIOS_DIR ?? join(projectRoot(), 'seeds', 'scenarios');
}

/** A scenario file as errors name it: relative to the project root when inside it. */
export function shownPath(path: string): string {
  const r = relative(projectRoot(), path);
  return r.startsWith('..') ? path : r;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `.yaml` files in `dir` whose name is not a scenario name (so they cannot be loaded). */
export function misnamedScenarioFiles(dir = scenariosDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !NAME.test(f.slice(0, -'.yaml'.length)))
    .sort();
}

export function scenarioNames(dir = scenariosDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((n) => NAME.test(n))
    .sort();
}

/** A shipped scenario by name, parsed and validated; 404 if there is none by that name. */
export function readScenario(name: string, today: IsoDate, dir = scenariosDir()): ParsedScenario {
  if (!NAME.test(name) || !scenarioNames(dir).includes(name)) throw notFound('Scenario');
  return readScenarioFile(join(dir, `${name}.yaml`), today, projectRoot());
}
