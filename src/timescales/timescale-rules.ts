/** Moved to src/case-history/timescale-rules.ts (the pure kernel); this re-export is kept for branches in flight. */
export * from 'src/case-history/timescale-rules';
