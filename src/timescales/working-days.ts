/** Moved to src/case-history/working-days.ts (the pure kernel); this re-export is kept for branches in flight. */
export * from 'src/common/working-days';
