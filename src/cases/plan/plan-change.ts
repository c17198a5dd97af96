/** One change to the Family Help plan: what the timeline and the audit row record of it. */
export interface Change {
  type: string;
  summary: string;
  recordType: string;
  recordId: string;
  changes?: Record<string, { before: unknown; after: unknown }>;
  data?: Record<string, unknown>;
  nextReviewDate?: string;
}
