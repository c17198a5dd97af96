/**
 * A dependency loaded on its first use instead of at start. For the heavy packages only a few
 * requests need (the XLSX and census-XML writers, the scenario YAML parser, the Redis client when
 * REDIS_URL is set): loaded eagerly they held ~13 MiB of the live heap of every process (and
 * ~550 modules), and V8 sizes the old generation in proportion to the live heap, so the process
 * under load was that much bigger again (docs/bench.md, Memory). `load` is a `require` of the
 * package, typed with `typeof import(...)`; it runs once.
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
