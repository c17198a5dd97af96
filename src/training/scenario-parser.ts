/**
 * Reads and validates a scenario file: YAML syntax, then the shape (`scenario-format.ts`),
 * then what refers to what (keys, refs, the children of a case) and date order. Every problem
 * names the file, the line, the path inside the file and what is wrong, e.g.
 * `seeds/scenarios/late-icpc.yaml:41 events[3].children[0]: "sam" is not a child of case
 * "hale-case"`. Pure apart from reading the file.
 */
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { lazyModule } from 'src/common/lazy-module';
import type { IsoDate } from 'src/common/working-days';
import { compareDates } from 'src/common/working-days';
import { resolveScenarioDate } from './scenario-dates';
import { checkEvents, type Family, type Path } from './scenario-event-checks';
import type { Scenario } from './scenario-format';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = lazyModule(() => require('yaml') as typeof import('yaml'));
// The scenario shape (zod and its schemas: ~3 MiB of live heap) is loaded on the first parse.
const format = lazyModule(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('./scenario-format') as typeof import('./scenario-format'),
);

export interface ScenarioProblem {
  path: string;
  line: number | null;
  message: string;
}

export class ScenarioFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(
      problems
        .map((p) => `${file}${p.line ? `:${p.line}` : ''} ${p.path || '(file)'}: ${p.message}`)
        .join('\n'),
    );
    this.name = 'ScenarioFormatError';
  }
}

export interface ParsedScenario {
  name: string;
  file: string;
  scenario: Scenario;
}

export function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
}

/** Parses scenario text; `file` names it in errors; `today` resolves the relative dates. */
export function parseScenario(source: string, file: string, today: IsoDate): ParsedScenario {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(source, { lineCounter, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ScenarioFormatError(
      file,
      doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0].line ?? null,
        message: `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const lineOf = (path: Path): number | null => {
    for (let p = [...path]; ; p = p.slice(0, -1)) {
      const node: unknown = doc.getIn(p, true);
      if (yaml().isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      if (!p.length) return null;
    }
  };
  const problem = (path: Path, message: string): ScenarioProblem => ({
    path: pathText(path),
    line: lineOf(path),
    message,
  });
  const result = format().scenarioSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new ScenarioFormatError(
      file,
      result.error.issues.map((i) => problem(i.path as Path, issueMessage(i))),
    );
  }
  const problems = crossCheck(result.data, today).map(([path, message]) => problem(path, message));
  if (problems.length) throw new ScenarioFormatError(file, problems);
  return { name: basename(file).replace(/\.ya?ml$/, ''), file, scenario: result.data };
}

export function readScenarioFile(path: string, today: IsoDate, root = process.cwd()) {
  const shown = relative(root, path);
  return parseScenario(readFileSync(path, 'utf8'), shown.startsWith('..') ? path : shown, today);
}

function issueMessage(i: { code: string; message: string; path: PropertyKey[] }): string {
  if (i.code === 'unrecognized_keys')
    return i.message.replace(/^Unrecognized key/, 'unknown field');
  if (i.code === 'invalid_union' && i.path[i.path.length - 1] === 'do') return 'unknown event kind';
  if (i.code === 'invalid_type' && /received undefined$/.test(i.message))
    return `missing: ${i.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')}`;
  return i.message;
}

/** Everything the shape cannot say: keys resolve, refs come earlier, dates are in order. */
function crossCheck(s: Scenario, today: IsoDate): [Path, string][] {
  const out: [Path, string][] = [];
  const dup = (seen: Set<string>, k: string, path: Path, what: string) => {
    if (seen.has(k)) out.push([path, `${what} "${k}" is defined twice`]);
    seen.add(k);
  };
  const teams = new Set<string>();
  s.teams.forEach((t, i) => dup(teams, t.key, ['teams', i, 'key'], 'team'));
  const users = new Map<string, Scenario['users'][number]>();
  s.users.forEach((u, i) => {
    if (users.has(u.key)) out.push([['users', i, 'key'], `user "${u.key}" is defined twice`]);
    users.set(u.key, u);
    if (u.roles.includes('partner') && !u.agency)
      out.push([['users', i, 'agency'], 'a partner user needs an agency']);
    (u.teams ?? []).forEach((m, j) => {
      if (!teams.has(m.team)) out.push([['users', i, 'teams', j, 'team'], `no team "${m.team}"`]);
    });
  });
  s.brief.logins.forEach((l, i) => {
    if (!users.has(l.user)) out.push([['brief', 'logins', i, 'user'], `no user "${l.user}"`]);
  });
  const families = new Map<string, Family>();
  const people = new Set<string>();
  s.families.forEach((f, i) => {
    if (families.has(f.key))
      out.push([['families', i, 'key'], `family "${f.key}" is defined twice`]);
    const children = new Set(f.members.filter((m) => m.kind === 'child').map((m) => m.key));
    families.set(f.key, {
      children,
      members: new Set(f.members.map((m) => m.key)),
      network: new Set((f.network ?? []).map((n) => n.key)),
    });
    f.members.forEach((m, j) => {
      dup(people, m.key, ['families', i, 'members', j, 'key'], 'person');
      if (m.dateOfBirth && compareDates(resolveScenarioDate(m.dateOfBirth, today), today) > 0)
        out.push([
          ['families', i, 'members', j, 'dateOfBirth'],
          'a date of birth cannot be in the future',
        ]);
      for (const child of Object.keys(m.relationships ?? {}))
        if (!children.has(child) || child === m.key)
          out.push([
            ['families', i, 'members', j, 'relationships', child],
            `"${child}" is not another child of this family`,
          ]);
    });
    (f.network ?? []).forEach((n, j) =>
      dup(people, n.key, ['families', i, 'network', j, 'key'], 'person'),
    );
  });
  checkEvents(s, today, { users, teams, families }, out);
  return out;
}
