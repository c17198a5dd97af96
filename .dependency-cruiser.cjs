/**
 * Tandem's floors (docs/architecture.md, "Floors"), low to high. A folder of `src/` imports
 * only from its own floor or a lower one; `npm run lint` fails on an upward import and on an
 * import cycle. Type-only imports are not arrows here (they vanish when compiled: no coupling
 * at run time, no start-up order); everything else is.
 */
const FLOORS = [
  // 1. kernel and common: pure rules, the calendar, the database and config plumbing.
  ['common', 'database', 'config', 'lifecycle', 'logging', 'case-history'],
  // 2. identity and the access gate: actors, roles, permissions, sign-in, the audit writer.
  ['access', 'auth', 'audit', 'users', 'local-authorities', 'teams', 'api-clients'],
  // 3. feature rooms: one folder per kind of work and record.
  [
    'cases',
    'families',
    'co-working',
    'decisions',
    'activities',
    'plans',
    'sharing',
    'documents',
    'assessments',
    'representation',
    'events',
    'health',
    'multi-agency',
    'family-view',
    'front-door',
    'proceedings',
  ],
  // 4. read models and tools over many rooms.
  ['timescales', 'indicators', 'exports', 'evaluation', 'training'],
  // 5. the http edge and the app (top-level src/*.ts files are here too).
  ['idempotency', 'bin'],
];

const folder = (names) => `^src/(${names.join('|')})/`;
const above = (i) => FLOORS.slice(i + 1).flat();

module.exports = {
  forbidden: [
    ...FLOORS.slice(0, -1).map((names, i) => ({
      name: `floor-${i + 1}-upward`,
      comment: `floor ${i + 1} (${names.join(', ')}) imports nothing from a higher floor`,
      severity: 'error',
      from: { path: folder(names) },
      to: { path: [folder(above(i)), '^src/[^/]+\\.ts$'] },
    })),
    {
      name: 'no-cycle',
      comment: 'no import cycle (files importing each other in a loop)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
