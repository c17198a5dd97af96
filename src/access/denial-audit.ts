/** Moved to src/common/denial-audit.ts; this re-export is kept for branches in flight. */
export * from 'src/common/denial-audit';
