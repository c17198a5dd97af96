/** Moved to src/common/record-kind.ts (the lowest floor); this re-export is kept for branches in flight. */
export * from 'src/common/record-kind';
