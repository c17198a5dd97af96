import fc from 'fast-check';
import {
  Json,
  OpenApiDoc,
  Operation,
  PoolRef,
  poolForField,
  resolveRef,
  Schema,
} from './fuzz.openapi';

/** Values for the fuzz: junk of every type, near-valid values from a schema, and the mutations
 * that break a near-valid body. */
const JUNK_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  '0',
  '-1',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '"; DROP TABLE app_user; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '🙂'.repeat(50),
  'a'.repeat(5000),
  '=cmd|" /c calc"!A1',
  '${jndi:ldap://x}',
  '%s%s%s%n',
];

export const junkString = fc.oneof(
  fc.constantFrom(...JUNK_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const junkValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53, 1.5),
  junkString,
  fc.constant([] as Json[]),
  fc.constant({} as Json),
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
);

export const isoDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const isoDateTime = fc
  .date({ min: new Date('1970-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());
export const junkDate = fc.constantFrom(
  'yesterday',
  '2026-13-45',
  '2026-02-30',
  '0000-01-01',
  '99999-01-01',
  '2026-02-30T25:00:00Z',
  '1e10',
  '2026-01-01T00:00:00+99:99',
  '-2026-01-01',
  '2026-1-1',
);

/** A near-valid value for a schema (respecting type, enum, format; ids from pools). */
export function valueFor(
  doc: OpenApiDoc,
  raw: Schema,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolveRef(doc, raw);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const pool = poolForField(name);
  switch (s.type) {
    case 'string': {
      if (s.format === 'uuid') {
        return fc.oneof(
          { arbitrary: fc.nat().map((i) => new PoolRef(pool ?? 'any', i)), weight: 4 },
          { arbitrary: fc.uuid(), weight: 1 },
        );
      }
      if (s.format === 'date' || /date$/i.test(name)) return isoDate;
      if (s.format === 'date-time') return isoDateTime;
      if (s.format === 'email' || name === 'email')
        return fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@tandem.test`);
      const min = s.minLength ?? 0;
      const max = Math.max(min, Math.min(s.maxLength ?? 60, 60));
      const str = fc.string({ minLength: min, maxLength: max });
      return typeof s.example === 'string'
        ? fc.oneof({ arbitrary: fc.constant(s.example), weight: 3 }, { arbitrary: str, weight: 1 })
        : str;
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? Math.max(min, 1000);
      const n =
        s.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
      return typeof s.example === 'number' ? fc.oneof(fc.constant(s.example), n) : n;
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const item = valueFor(doc, s.items ?? {}, name.replace(/s$/, ''), depth + 1);
      return fc.array(item, {
        minLength: Math.max(1, s.minItems ?? 0),
        maxLength: Math.max(1, Math.min(s.maxItems ?? 3, 3)),
      });
    }
    default: {
      if (s.properties && depth < 6) {
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(s.properties))
          model[k] = valueFor(doc, v, k, depth + 1);
        return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
      }
      return fc.jsonValue({ maxDepth: 2 });
    }
  }
}

type Mutation = [string, (v: unknown) => fc.Arbitrary<{ body?: unknown; rawBody?: string }>];

const keysOf = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];

/** Ways to break a near-valid body; `valid` keeps it as generated. */
const MUTATIONS: Mutation[] = [
  ['valid', (v) => fc.constant({ body: v })],
  [
    'drop-field',
    (v) =>
      keysOf(v).length
        ? fc.constantFrom(...keysOf(v)).map((k) => {
            const c = { ...(v as object) } as Record<string, unknown>;
            delete c[k];
            return { body: c };
          })
        : fc.constant({ body: v }),
  ],
  [
    'wrong-type',
    (v) =>
      keysOf(v).length
        ? fc.tuple(fc.constantFrom(...keysOf(v)), junkValue).map(([k, j]) => ({
            body: { ...(v as object), [k]: j },
          }))
        : junkValue.map((j) => ({ body: j })),
  ],
  [
    'null-field',
    (v) =>
      keysOf(v).length
        ? fc.constantFrom(...keysOf(v)).map((k) => ({ body: { ...(v as object), [k]: null } }))
        : fc.constant({ body: null }),
  ],
  [
    'huge-string',
    (v) =>
      fc
        .tuple(
          fc.constantFrom(...(keysOf(v).length ? keysOf(v) : ['name'])),
          fc.integer({ min: 1000, max: 20_000 }),
        )
        .map(([k, n]) => ({
          body: { ...(typeof v === 'object' ? (v as object) : {}), [k]: 'x'.repeat(n) },
        })),
  ],
  [
    'unknown-field',
    (v) =>
      fc
        .tuple(
          fc.constantFrom(
            'isAdmin',
            'localAuthorityId',
            'id',
            'version',
            '__proto__',
            'constructor',
            'roles',
            'zz',
          ),
          junkValue,
        )
        .map(([k, j]) => {
          const c = { ...(typeof v === 'object' && v ? (v as object) : {}) } as Record<
            string,
            unknown
          >;
          Object.defineProperty(c, k, {
            value: j,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          return { body: c };
        }),
  ],
  [
    'prototype-key',
    (v) =>
      fc
        .tuple(
          fc.constantFrom(...PROTOTYPE_KEYS),
          fc.constantFrom(...(keysOf(v).length ? keysOf(v) : ['x'])),
          fc.constantFrom('top', 'nested', 'in-array'),
          junkValue,
        )
        .map(([p, k, where, j]) => {
          const polluted = ownKey({}, p, { isAdmin: true, j });
          const base = { ...(typeof v === 'object' && v ? (v as object) : {}) };
          if (where === 'top') return { body: ownKey(base, p, { isAdmin: true }) };
          return {
            body: { ...base, [k]: where === 'nested' ? { inner: polluted } : [polluted] },
          };
        }),
  ],
  [
    'extreme-date',
    (v) =>
      fc
        .tuple(fc.constantFrom(...EXTREME_DATES), fc.nat())
        .map(([d, i]) => ({ body: withExtremeDate(v, d, i) })),
  ],
  ['not-an-object', () => junkValue.map((j) => ({ body: j }))],
  ['array-of-it', (v) => fc.constant({ body: [v, v] })],
  [
    'nested-junk',
    (v) =>
      fc
        .tuple(
          fc.constantFrom(...(keysOf(v).length ? keysOf(v) : ['x'])),
          fc.jsonValue({ maxDepth: 8 }),
        )
        .map(([k, j]) => ({
          body: { ...(typeof v === 'object' ? (v as object) : {}), [k]: { a: [j, { b: j }] } },
        })),
  ],
  [
    'malformed-json',
    () =>
      fc
        .constantFrom(
          '{',
          '{"a":}',
          '[1,2',
          'nul',
          '"unterminated',
          '{"a":1}{"b":2}',
          '\u0000',
          '{"a":1,}',
        )
        .map((raw) => ({ rawBody: raw })),
  ],
];

/** Keys that reach the prototype chain: refused anywhere in a body (400 prototype_key). */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Dates outside the calendar range Tandem accepts, impossible ones, and both in timestamps. */
export const EXTREME_DATES = [
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '9999-12-31',
  '275760-09-13',
  '2026-02-30',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '-000001-01-01',
];

/** A date-named field: the fuzz's way to find date inputs without a schema format. */
export const DATE_FIELD = /(^date$|Date$|^dateOf|At$|On$|^from$|^to$|^asOf$)/;

function ownKey(o: object, k: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(o, k, { value, enumerable: true, configurable: true, writable: true });
  return o as Record<string, unknown>;
}

/** A copy of `v` with the `i`-th date-named field (at any depth) set to `date`; a body with no
 * date field gets a top-level `date`. */
function withExtremeDate(v: unknown, date: string, i: number): unknown {
  const paths: (string | number)[][] = [];
  const walk = (x: unknown, path: (string | number)[]) => {
    if (Array.isArray(x)) x.forEach((c, n) => walk(c, [...path, n]));
    else if (x && typeof x === 'object')
      for (const [k, c] of Object.entries(x)) {
        if (DATE_FIELD.test(k) && (typeof c === 'string' || c === undefined))
          paths.push([...path, k]);
        else walk(c, [...path, k]);
      }
  };
  walk(v, []);
  const copy = JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;
  if (!paths.length || typeof copy !== 'object' || copy === null) {
    return { ...(typeof copy === 'object' && copy ? copy : {}), date };
  }
  const path = paths[i % paths.length];
  let at: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  at[path[path.length - 1]] = date;
  return copy;
}

export interface GeneratedBody {
  mutation: string;
  body?: unknown;
  rawBody?: string;
}

export function bodyFor(
  doc: OpenApiDoc,
  op: Operation,
  onlyValid = false,
): fc.Arbitrary<GeneratedBody> {
  if (!op.body) {
    return fc.oneof(
      {
        arbitrary: fc.constant<GeneratedBody>({ mutation: 'no-body' }),
        weight: 3,
      },
      {
        arbitrary: junkValue.map((j): GeneratedBody => ({ mutation: 'unexpected-body', body: j })),
        weight: 1,
      },
    );
  }
  const valid = valueFor(doc, op.body);
  const muts = onlyValid ? MUTATIONS.slice(0, 1) : MUTATIONS;
  return fc.oneof(
    ...muts.map(([name, mut], i) => ({
      weight: i === 0 ? 4 : 2,
      arbitrary: valid.chain((v) => mut(v)).map((r) => ({ mutation: name, ...r })),
    })),
  );
}
