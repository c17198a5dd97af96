/** Moved to src/common/can.decorator.ts; this re-export is kept for branches in flight. */
export * from 'src/common/can.decorator';
