/**
 * An integrator's loop, as a data warehouse would run it (docs/integrators.md):
 *
 *   1. a token by OAuth2 client credentials (kept, refreshed before it expires);
 *   2. what changed since the last run: `GET /cases?updatedSince=`, every page;
 *   3. one case read in full, with its people named (`GET /people/lookup`);
 *   4. the events since the last run, from the pull feed, following its cursor.
 *
 * It returns where to resume next time (the largest `lastActivityAt` and the feed cursor).
 * Run it: `npm run build && TANDEM_URL=… TANDEM_CLIENT_ID=… TANDEM_CLIENT_SECRET=…
 * npm run example` (the client needs the `cases:read` and `events:read` scopes; optional
 * TANDEM_UPDATED_SINCE and TANDEM_EVENTS_AFTER resume from a previous run's output).
 */
import {
  ClientCredentials,
  createTandemClient,
  items,
  pages,
  unwrap,
  withAfter,
  withCursor,
  type components,
} from '../index';

type Case = components['schemas']['CaseResponse'];

export interface IntegratorOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Resume mark: list cases changed after this instant (default: the beginning). */
  updatedSince?: string;
  /** Resume the event feed after this cursor (default: from the first event). */
  eventsAfter?: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface IntegratorRun {
  changedCases: string[];
  /** The next run's `updatedSince` (the largest `lastActivityAt` seen; less a margin, see docs). */
  nextUpdatedSince: string | undefined;
  firstCase: { id: string; stage: string; leadPractitioner: string | undefined } | undefined;
  events: { id: string; type: string }[];
  /** The next run's `eventsAfter`. */
  nextEventsAfter: string | undefined;
  tokensFetched: number;
}

export async function main(opts: IntegratorOptions): Promise<IntegratorRun> {
  const log = opts.log ?? (() => undefined);
  const fetchOpt = opts.fetch === undefined ? {} : { fetch: opts.fetch };
  const credentials = new ClientCredentials({
    baseUrl: opts.baseUrl,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    scope: 'cases:read events:read',
    ...fetchOpt,
  });
  const api = createTandemClient({
    baseUrl: opts.baseUrl,
    token: () => credentials.token(),
    ...fetchOpt,
  });

  // 2. What changed since the last run (oldest activity first; follow every page).
  const since = opts.updatedSince ?? '2000-01-01T00:00:00Z';
  const changed: Case[] = [];
  for await (const kase of items((cursor) =>
    unwrap(
      api.GET('/api/v1/cases', {
        params: { query: withCursor({ updatedSince: since, limit: 100 }, cursor) },
      }),
    ),
  ))
    changed.push(kase);
  log(`${changed.length} case(s) changed since ${since}`);
  const nextUpdatedSince = changed.reduce<string | undefined>(
    (max, c) => (max === undefined || c.lastActivityAt > max ? c.lastActivityAt : max),
    opts.updatedSince,
  );

  // 3. One case in full, its lead practitioner named.
  let firstCase: IntegratorRun['firstCase'];
  const first = changed[0];
  if (first) {
    const kase = await unwrap(
      api.GET('/api/v1/cases/{id}', { params: { path: { id: first.id } } }),
    );
    const named = await unwrap(
      api.GET('/api/v1/people/lookup', {
        params: { query: { ids: kase.leadPractitionerId } },
      }),
    );
    firstCase = { id: kase.id, stage: kase.stage, leadPractitioner: named.data[0]?.name };
    log(`case ${kase.id}: ${kase.stage}, led by ${firstCase.leadPractitioner ?? '(unknown)'}`);
  }

  // 4. The events since the last run, following the feed's cursor (`after`).
  const events: { id: string; type: string }[] = [];
  let nextEventsAfter = opts.eventsAfter;
  for await (const page of pages(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/events', {
          params: { query: withAfter({ limit: 200 }, cursor ?? opts.eventsAfter) },
        }),
      ),
    { maxPages: 100 },
  )) {
    for (const e of page.data) events.push({ id: e.id, type: e.type });
    if (page.nextCursor !== null) nextEventsAfter = page.nextCursor;
  }
  log(`${events.length} event(s); resume the feed after ${nextEventsAfter ?? '(start)'}`);

  return {
    changedCases: changed.map((c) => c.id),
    nextUpdatedSince,
    firstCase,
    events,
    nextEventsAfter,
    tokensFetched: credentials.fetched,
  };
}

/** As a command: settings from the environment, progress on stderr, the run as JSON on stdout. */
if (require.main === module) {
  const env = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  const since = process.env['TANDEM_UPDATED_SINCE'];
  const after = process.env['TANDEM_EVENTS_AFTER'];
  main({
    baseUrl: env('TANDEM_URL'),
    clientId: env('TANDEM_CLIENT_ID'),
    clientSecret: env('TANDEM_CLIENT_SECRET'),
    ...(since ? { updatedSince: since } : {}),
    ...(after ? { eventsAfter: after } : {}),
    log: (line) => console.error(line),
  }).then(
    (run) => process.stdout.write(`${JSON.stringify(run)}\n`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
