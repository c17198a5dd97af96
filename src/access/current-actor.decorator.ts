/** Moved to src/common/current-actor.decorator.ts; this re-export is kept for branches in flight. */
export * from 'src/common/current-actor.decorator';
