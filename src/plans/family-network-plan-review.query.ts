/** Moved to src/case-history/family-network-plan-review.query.ts (read by cases and timescales); this re-export is kept for branches in flight. */
export * from 'src/case-history/family-network-plan-review.query';
