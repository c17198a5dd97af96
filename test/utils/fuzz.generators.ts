import fc from 'fast-check';
import {
  AbstractRequest,
  OpenApiDoc,
  Operation,
  Parameter,
  PoolRef,
  poolForField,
  poolForPath,
  resolveRef,
} from './fuzz.openapi';
import { bodyFor, EXTREME_DATES, isoDate, isoDateTime, junkDate, junkString } from './fuzz.values';

/** Whole generated requests for the fuzz: path params, query strings, headers and a body. */
const junkId = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '..',
    '%E0%A4%A',
    "1' OR '1'='1",
    '12345',
    'A'.repeat(600),
    'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
    'null',
  ),
  fc.uuid().map((u) => u.toUpperCase()),
  junkString,
);

export function pathValue(pool: string, onlyReal = false): fc.Arbitrary<string | PoolRef> {
  const real = fc.nat().map((i) => new PoolRef(pool, i));
  if (onlyReal) return real;
  return fc.oneof(
    { arbitrary: real, weight: 5 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: junkId, weight: 2 },
  );
}

const junkCursor = fc.oneof(
  fc.base64String({ maxLength: 40 }),
  fc.constantFrom('%%%', '', 'a'.repeat(600)),
  fc
    .constantFrom(
      '["x",1]',
      '[null,null]',
      '[1,2,3]',
      '{"a":1}',
      '["2026-01-01T00:00:00.000Z","not-a-uuid"]',
      '["2026-01-01T00:00:00.000000Z","99999999999999999999"]',
      '["0000-00-00","00000000-0000-0000-0000-000000000000"]',
      '[1e309,"x"]',
      '["\'; DROP TABLE x; --","1"]',
    )
    .map((s) => Buffer.from(s).toString('base64url')),
  fc.tuple(isoDateTime, fc.uuid()).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
);

export function queryValue(doc: OpenApiDoc, p: Parameter): fc.Arbitrary<string | PoolRef> {
  const s = resolveRef(doc, p.schema);
  const pool = poolForField(p.name);
  if (p.name === 'limit' || s.type === 'integer' || s.type === 'number') {
    return fc.oneof(
      fc.integer({ min: 1, max: 200 }).map(String),
      fc.constantFrom(
        '0',
        '-5',
        '201',
        '100000',
        'abc',
        '1.5',
        '',
        '1e2',
        ' 7',
        'NaN',
        '9'.repeat(30),
      ),
    );
  }
  if (p.name === 'cursor') return junkCursor;
  if (s.enum?.length) return fc.oneof(fc.constantFrom(...s.enum.map(String)), junkString);
  if (s.format === 'uuid' || pool) {
    return fc.oneof(
      fc.nat().map((i) => new PoolRef(pool ?? 'any', i)),
      fc.uuid(),
      junkId,
    );
  }
  if (
    s.format === 'date' ||
    s.format === 'date-time' ||
    /^(from|to|asOf|dateOfBirth|date)$/.test(p.name)
  ) {
    return fc.oneof(isoDate, isoDateTime, junkDate, fc.constantFrom(...EXTREME_DATES));
  }
  if (p.name === 'search') {
    // A date-shaped search reads dates of birth: `0000-01-01` was a 500.
    return fc.oneof(
      fc.string({ maxLength: 30 }),
      junkString,
      fc.constantFrom(...EXTREME_DATES, '01/01/0000', '31/12/9999', '30/02/2026'),
    );
  }
  return fc.oneof(fc.string({ maxLength: 30 }), junkString);
}

/** `arb` with weight `set`, else null with weight `unset`. */
function maybe<T>(arb: fc.Arbitrary<T>, set: number, unset: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: arb, weight: set }, { arbitrary: fc.constant(null), weight: unset });
}

export function queryFor(
  doc: OpenApiDoc,
  op: Operation,
): fc.Arbitrary<[string, string | PoolRef][]> {
  const each = op.query.map((p) =>
    maybe(
      fc.oneof(
        {
          arbitrary: queryValue(doc, p).map((v) => [[p.name, v]] as [string, string | PoolRef][]),
          weight: 6,
        },
        {
          arbitrary: fc.tuple(queryValue(doc, p), queryValue(doc, p)).map(
            ([a, b]) =>
              [
                [p.name, a],
                [p.name, b],
              ] as [string, string | PoolRef][],
          ),
          weight: 1,
        },
      ),
      1,
      1,
    ),
  );
  const unknown = maybe(
    fc.tuple(
      fc.constantFrom('admin', 'localAuthorityId', 'debug', '__proto__', 'limit[]'),
      junkString,
    ),
    1,
    7,
  );
  return fc.tuple(fc.tuple(...each), unknown).map(([parts, extra]) => {
    const out = parts.flatMap((x) => x ?? []);
    if (extra) out.push([extra[0], extra[1]]);
    return out;
  });
}

export function headersFor(op: Operation): fc.Arbitrary<Record<string, string>> {
  const ifMatch =
    op.method === 'PATCH' || op.method === 'PUT'
      ? maybe(
          fc.oneof(
            { arbitrary: fc.constantFrom('"1"', '"2"', '"3"', 'W/"1"'), weight: 4 },
            { arbitrary: fc.constantFrom('*', 'junk', '"-1"', '"99999999999"', ''), weight: 1 },
          ),
          6,
          1,
        )
      : fc.constant(null);
  const idem =
    op.method === 'POST'
      ? maybe(
          fc.oneof(fc.uuid(), fc.constantFrom('k'.repeat(256), 'same-key', '\u00e9t\u00e9')),
          1,
          3,
        )
      : fc.constant(null);
  const contentType = maybe(
    fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
    ),
    1,
    14,
  );
  return fc.tuple(ifMatch, idem, contentType).map(([m, k, ct]) => {
    const h: Record<string, string> = {};
    if (m !== null) h['If-Match'] = m;
    if (k !== null) h['Idempotency-Key'] = k;
    if (ct !== null) h['Content-Type'] = ct;
    return h;
  });
}

export function requestsFor(
  doc: OpenApiDoc,
  op: Operation,
  opts: { crossTenant?: boolean } = {},
): fc.Arbitrary<AbstractRequest> {
  const path = fc.record(
    Object.fromEntries(
      op.pathParams.map((p) => [p, pathValue(poolForPath(op.path, p), opts.crossTenant)]),
    ),
  ) as fc.Arbitrary<Record<string, string | PoolRef>>;
  const actor = opts.crossTenant
    ? fc.nat()
    : fc.oneof(
        { arbitrary: fc.nat(), weight: 12 },
        { arbitrary: fc.constantFrom(-1, -2), weight: 1 },
      );
  return fc
    .tuple(
      path,
      queryFor(doc, op),
      opts.crossTenant ? fc.constant({}) : headersFor(op),
      bodyFor(doc, op, opts.crossTenant),
      actor,
    )
    .map(([p, q, h, b, a]) => ({
      op,
      mutation: b.mutation,
      path: p,
      query: q,
      headers: h,
      body: b.body,
      rawBody: b.rawBody,
      actor: a,
    }));
}
