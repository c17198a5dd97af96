import type { EventType } from './event-types';

/** What the timeline writer hands over: the change's type and its structured data. */
export interface TimelineFacts {
  caseId: string;
  type: string;
  data?: Record<string, unknown> | null;
  recordId?: string | null;
}

export interface OutboxEvent {
  type: EventType;
  /** Ids and codes only. */
  data: Record<string, unknown>;
}

export type Pick = (f: TimelineFacts, d: Record<string, unknown>) => OutboxEvent[];

export const only = (d: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => d[k] !== undefined && d[k] !== null).map((k) => [k, d[k]]));
