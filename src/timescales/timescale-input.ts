/** Moved to src/case-history/timescale-input.ts (the pure kernel); this re-export is kept for branches in flight. */
export * from 'src/case-history/timescale-input';
