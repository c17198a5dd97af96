/** Moved to src/case-history/episodes.ts (the pure kernel); this re-export is kept for branches in flight. */
export * from 'src/case-history/episodes';
