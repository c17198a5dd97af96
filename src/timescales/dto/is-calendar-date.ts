/** Moved to src/common/is-calendar-date.ts; this re-export is kept for branches in flight. */
export * from 'src/common/is-calendar-date';
