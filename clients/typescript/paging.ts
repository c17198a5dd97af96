/**
 * Paging. Every Tandem collection answers `{ data: [...], nextCursor: string | null }`; pass
 * `nextCursor` back as `cursor` until it is null. `pages` / `items` follow the cursors for you:
 *
 *   for await (const kase of items((cursor) =>
 *     unwrap(api.GET('/api/v1/cases', { params: { query: withCursor({ limit: 100 }, cursor) } })),
 *   ))
 *     console.log(kase.id);
 *
 * (The event feed `GET /events` names its cursor `after`: `withAfter(query, cursor)`.)
 */

export interface PageOf<T> {
  data: T[];
  nextCursor: string | null;
}

/** Each page in turn, from the first (`cursor` undefined) until `nextCursor` is null. */
export async function* pages<T>(
  fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>,
  opts: { maxPages?: number } = {},
): AsyncGenerator<PageOf<T>, void, undefined> {
  let cursor: string | undefined;
  for (let n = 0; opts.maxPages === undefined || n < opts.maxPages; n++) {
    const page = await fetchPage(cursor);
    yield page;
    if (page.nextCursor === null || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}

/** Each item of every page. */
export async function* items<T>(
  fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>,
  opts: { maxPages?: number } = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of pages(fetchPage, opts)) yield* page.data;
}

/** `query` with `cursor` set only when there is one (the parameter is optional, never
 * `undefined`, under `exactOptionalPropertyTypes`). */
export function withCursor<Q extends object>(
  query: Q,
  cursor: string | undefined,
): Q & { cursor?: string } {
  return cursor === undefined ? query : { ...query, cursor };
}

/** The same for the event feed, whose cursor parameter is `after`. */
export function withAfter<Q extends object>(
  query: Q,
  after: string | undefined,
): Q & { after?: string } {
  return after === undefined ? query : { ...query, after };
}
